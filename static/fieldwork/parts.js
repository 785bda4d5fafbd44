// What the interview screens share: form fields, error display, the interview's header.

import { h, nextId } from "./dom.js";

export const PHONE_PATTERN = /^\+?[0-9][0-9 ()\-.]{4,30}$/;
const KIND_TITLES = {
  worker: "Worker interview",
  group: "Group interview",
  management: "Management interview",
  recruiter: "Labour recruiter interview",
};
export const GROUP_MAX = 30;

export function kindTitle(kind) {
  return KIND_TITLES[kind] || "Interview";
}

export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function field(label, input, { help = null, id = null, error = null } = {}) {
  const inputId = id || input.id || nextId("f");
  input.id = inputId;
  return h(
    "div",
    { class: "mb-3" },
    h("label", { class: "form-label fw-semibold", for: inputId }, label),
    input,
    help ? h("div", { class: "form-text" }, help) : null,
    h("div", { class: "invalid-feedback", dataset: { errorFor: error || inputId } }),
  );
}

export function check(label, name, checked, extra = {}) {
  const id = nextId(name);
  return h(
    "div",
    { class: "form-check check-tile" },
    h("input", { class: "form-check-input", type: "checkbox", id, name, checked, ...extra }),
    h("label", { class: "form-check-label", for: id }, label),
  );
}

export function showErrors(form, errors) {
  for (const element of form.querySelectorAll(".is-invalid")) {
    element.classList.remove("is-invalid");
  }
  for (const element of form.querySelectorAll(".invalid-feedback")) {
    element.textContent = "";
  }
  let first = null;
  for (const [name, message] of Object.entries(errors)) {
    const input = form.querySelector(`[name="${name}"]`);
    const feedback = form.querySelector(`[data-error-for="${name}"]`) || (input && input.closest(".mb-3")?.querySelector(".invalid-feedback"));
    if (input) {
      input.classList.add("is-invalid");
      first = first || input;
    }
    if (feedback) {
      feedback.textContent = message;
      feedback.classList.add("d-block");
    }
  }
  if (first) {
    first.focus();
  }
  return Object.keys(errors).length === 0;
}

export function header(app, data, subtitle) {
  const slot = data.slot ? app.slot(data.slot) : null;
  const where = slot ? `${slot.start}–${slot.end} · ${slot.site} · ${slot.room}` : app.engagement(data.engagement)?.title || "";
  return h(
    "div",
    { class: "d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3" },
    h("div", {}, h("h1", { class: "h4 mb-1" }, kindTitle(data.kind)), h("p", { class: "text-body-secondary mb-0" }, where), subtitle),
    h("a", { class: "btn btn-outline-secondary tap", href: "#/" }, "Pause"),
  );
}

export function languageName(app, code) {
  const found = app.choices.languages.find((language) => language.value === code);
  return found ? found.label : code;
}
