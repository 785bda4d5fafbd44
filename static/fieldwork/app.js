// The capture app: boots the day (network first, else the copy kept on the tablet), the outbox key,
// the encrypted outbox and its sync, then draws the screen the address asks for (#/..., hash routes).

import { renderAbout, renderConsent } from "./consent.js";
import { h, render } from "./dom.js";
import { getAll, put } from "./db.js";
import { keyring, refreshKey } from "./keys.js";
import "./logout.js";
import { Outbox, Sync } from "./outbox.js";
import { renderQuestion, renderReview } from "./question.js";
import { renderDay, renderOutbox } from "./screens.js";

const DATA_CACHE = "field-data";
// An engagement the day's data no longer lists (the record's own data still names it).
const NO_ENGAGEMENT = { id: null, title: "", slots: [], sites: [], origin_countries: [], currencies: ["USD"], default_currency: "USD", questionnaires: [], follow_up: null, open_responses: 0 };
const QUESTIONNAIRE_KINDS = { worker: "worker", group: "worker", management: "management", recruiter: "recruiter" };

const root = document.getElementById("field-app");
const urls = {
  day: root.dataset.dayUrl,
  key: root.dataset.keyUrl,
  worker: root.dataset.workerUrl,
  conflicts: root.dataset.conflictsUrl,
  login: root.dataset.loginUrl,
  sync: root.dataset.syncUrl,
  daySheet: root.dataset.daySheetUrl,
  zero: root.dataset.zero,
};

const app = {
  urls,
  online: navigator.onLine,
  persisted: null,
  day: null,
  dayStale: false,
  outbox: null,
  sync: null,
  currencies: null,
  choices: null,

  archive: new Map(),

  engagement(id) {
    return this.day.engagements.find((e) => e.id === id) || null;
  },
  engagementOrBlank(id) {
    return this.engagement(id) || NO_ENGAGEMENT;
  },
  slot(id) {
    for (const engagement of this.day.engagements) {
      const slot = engagement.slots.find((s) => s.id === id);
      if (slot) {
        return slot;
      }
    }
    return null;
  },
  versions(engagementId, kind) {
    const engagement = this.engagement(engagementId);
    return engagement ? engagement.questionnaires.filter((q) => q.kind === QUESTIONNAIRE_KINDS[kind]) : [];
  },
  definition(versionId) {
    for (const engagement of this.day.engagements) {
      const found = engagement.questionnaires.find((q) => q.id === versionId);
      if (found) {
        return found;
      }
    }
    return this.archive.get(versionId) || null;
  },
  async save(record) {
    await this.outbox.save(record);
  },
  go(hash) {
    if (location.hash === hash) {
      route();
    } else {
      location.hash = hash;
    }
  },
  async handIn(engagementId) {
    const csrf = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
    try {
      const response = await fetch(urls.daySheet.replace(urls.zero, engagementId), {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": decodeURIComponent(csrf), Accept: "application/json" },
      });
      if (!response.ok) {
        return "The sheet could not be handed in: sign in again and retry.";
      }
      const body = await response.json();
      await loadDay();
      route();
      return `Handed in: ${body.handed_in} interview${body.handed_in === 1 ? "" : "s"}, now read-only to you.`;
    } catch (error) {
      return "No connection: hand the sheet in when you are back online.";
    }
  },
};

async function fetchJson(url) {
  try {
    const response = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      headers: { Accept: "application/json" },
    });
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
      return { status: "signed-out" };
    }
    return response.ok ? { status: "ok", response } : { status: "offline" };
  } catch (error) {
    return { status: "offline" };
  }
}

// Today's data: from the server when it answers (and kept for offline use), else the kept copy.
async function loadDay() {
  const result = await fetchJson(urls.day);
  const cache = self.caches ? await caches.open(DATA_CACHE) : null;
  app.dayFromCache = result.status !== "ok";
  if (result.status === "ok") {
    const copy = result.response.clone();
    app.day = await result.response.json();
    if (cache) {
      await cache.put(urls.day, copy);
    }
  } else {
    const kept = cache ? await cache.match(urls.day) : null;
    app.day = kept ? await kept.json() : null;
    if (result.status === "signed-out" && app.sync) {
      app.sync.signedOut = true;
    }
  }
  if (app.day) {
    for (const engagement of app.day.engagements) {
      for (const definition of engagement.questionnaires) {
        app.archive.set(definition.id, definition);
        put("versions", { id: definition.id, definition }).catch(() => {});
      }
    }
    app.choices = app.day.choices;
    app.currencies = new Set(app.day.choices.currencies);
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    // Only a kept copy can be stale; the server's own date is today's by definition.
    app.dayStale = app.dayFromCache && app.day.date !== `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
  return result.status;
}

function notFound(message) {
  render(root, h("div", { class: "alert alert-warning" }, message), h("a", { class: "btn btn-outline-primary tap", href: "#/" }, "Back to the day"));
}

function route() {
  if (!app.day) {
    return;
  }
  const parts = (location.hash || "#/").slice(2).split("/");
  const [screen] = parts;
  window.scrollTo(0, 0);
  if (screen === "" || screen === "e") {
    renderDay(app, root, screen === "e" ? parts[1] : null);
  } else if (screen === "outbox") {
    renderOutbox(app, root);
  } else if (screen === "new") {
    const [, engagement, kind, slot, versionId] = parts;
    if (!app.engagement(engagement) || !app.definition(versionId) || !app.outbox.canWrite) {
      notFound(app.outbox.canWrite ? "This interview cannot be started here." : "Connect once before recording interviews on this tablet.");
      return;
    }
    const existing = slot !== "-" ? app.outbox.forSlot(slot).find((r) => r.state === "draft") : null;
    if (existing) {
      app.go(`#/i/${existing.id}/consent`);
      return;
    }
    renderConsent(app, root, { start: { engagement, kind, slot: slot === "-" ? null : slot, versionId } });
  } else if (screen === "i") {
    const record = app.outbox.find(parts[1]);
    if (!record) {
      notFound("This interview is not on this tablet.");
      return;
    }
    const step = parts[2];
    if (record.state !== "draft" || !app.definition(record.data.versionId)) {
      renderReview(app, root, record); // finished or sent: nothing to edit here
    } else if (!record.data.consent || step === "consent") {
      renderConsent(app, root, { record }); // nothing starts before consent
    } else if (step === "about" || !record.data.aboutDone) {
      renderAbout(app, root, record);
    } else if (step === "q") {
      renderQuestion(app, root, record, parts[3]);
    } else {
      renderReview(app, root, record);
    }
  } else {
    notFound("Nothing here.");
  }
  document.getElementById("main").focus({ preventScroll: true });
}

function refreshIfListing() {
  const screen = (location.hash || "#/").slice(2).split("/")[0];
  if (screen === "" || screen === "e" || screen === "outbox") {
    route();
  }
  const waiting = app.outbox ? app.outbox.records.filter((r) => ["ready", "sending", "error"].includes(r.state)).length : 0;
  const link = document.getElementById("nav-outbox");
  if (link) {
    link.textContent = waiting ? `Outbox (${waiting})` : "Outbox";
  }
}

function showNetwork() {
  const badge = document.getElementById("field-network");
  if (badge) {
    badge.textContent = app.online ? "Online" : "Offline";
    badge.className = `badge rounded-pill network-badge ${app.online ? "text-bg-success" : "text-bg-secondary"}`;
  }
}

async function boot() {
  showNetwork();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(urls.worker, { scope: location.pathname }).catch(() => {
      // Without a service worker the app still works online; the outbox is unaffected.
    });
  }
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then((granted) => {
      app.persisted = granted;
    });
  }
  for (const row of await getAll("versions").catch(() => [])) {
    app.archive.set(row.id, row.definition);
  }
  const dayStatus = await loadDay();
  if (!app.day) {
    render(root, 
      h(
        "div",
        { class: "alert alert-warning" },
        dayStatus === "signed-out" ? "Sign in to load your day." : "Connect once to load your day on this tablet.",
      ),
    );
    return;
  }
  const key = app.online ? await refreshKey(urls.key) : { status: "offline" };
  const owner = key.status === "ok" ? key.owner : app.day.user;
  app.outbox = new Outbox(owner, await keyring(owner));
  await app.outbox.load();
  app.sync = new Sync(app.outbox, urls.sync, urls.zero, refreshIfListing);
  app.sync.onSynced = async () => {
    await loadDay(); // the slots' counts and the interviews to hand in changed on the server
    refreshIfListing();
  };
  if (dayStatus === "signed-out" || key.status === "signed-out") {
    app.sync.signedOut = true;
  }
  for (const record of app.outbox.records) {
    if (record.state === "sending") {
      record.state = "ready"; // the page closed mid-send: the server answers a retry idempotently
    }
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("online", async () => {
    app.online = true;
    showNetwork();
    if (app.sync.signedOut || !app.outbox.canWrite) {
      await loadDay();
      const fresh = await refreshKey(urls.key);
      if (fresh.status === "ok" && fresh.owner === app.outbox.owner) {
        app.outbox.ring = await keyring(app.outbox.owner);
        app.sync.signedOut = false;
      }
    }
    refreshIfListing();
    app.sync.run();
  });
  window.addEventListener("offline", () => {
    app.online = false;
    showNetwork();
    refreshIfListing();
  });
  route();
  refreshIfListing();
  document.body.dataset.fieldReady = "yes";
  if (app.online && !app.sync.signedOut) {
    app.sync.run();
  }
}

boot();
