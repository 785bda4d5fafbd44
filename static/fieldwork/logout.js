// Signing out wipes the tablet first: the encrypted outbox, its keys, the app's caches and its
// service worker; the interviewer is warned when interviews have not reached the server yet.
// Installs itself on every sign-out form of the page it is loaded in.

import { unsentCount, wipe } from "./db.js";

function logoutPath() {
  const root = document.getElementById("field-app");
  return (root && root.dataset.logoutUrl) || "/accounts/logout/";
}

function isLogoutForm(form) {
  if (!(form instanceof HTMLFormElement)) {
    return false;
  }
  return new URL(form.action, location.href).pathname === logoutPath();
}

function warning(unsent) {
  const lines = [
    unsent === 1
      ? "1 interview on this tablet has not reached the server."
      : `${unsent} interviews on this tablet have not reached the server.`,
    "Signing out deletes them from this tablet for good.",
  ];
  if (!navigator.onLine) {
    lines.push("You are offline: connect and send them first.");
  }
  lines.push("Sign out anyway?");
  return lines.join("\n\n");
}

async function signOut(form) {
  let unsent = 0;
  try {
    unsent = await unsentCount();
  } catch (error) {
    unsent = 0;
  }
  if (unsent > 0 && !window.confirm(warning(unsent))) {
    return;
  }
  await wipe();
  form.submit(); // submit() fires no submit event: this handler does not run again
}

document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!isLogoutForm(form)) {
      return;
    }
    event.preventDefault();
    signOut(form);
  },
  true,
);
