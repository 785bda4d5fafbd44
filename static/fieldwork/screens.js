// The day (today's schedule and every interview's state) and the outbox (each record on its way).

import { kindTitle } from "./parts.js";
import { formatDay, formatTime, h, render } from "./dom.js";

const STATE_LABELS = {
  not_started: ["Not started", "text-bg-light border"],
  consent: ["Consent recorded", "text-bg-info"],
  in_progress: ["In progress", "text-bg-primary"],
  done: ["Done, on this tablet", "text-bg-warning"],
  synced: ["Synced", "text-bg-success"],
  conflict: ["Conflict", "text-bg-danger"],
};
const OUTBOX_LABELS = {
  draft: ["Draft", "text-bg-secondary"],
  ready: ["Ready to send", "text-bg-info"],
  sending: ["Sending", "text-bg-primary"],
  synced: ["Synced", "text-bg-success"],
  conflict: ["Conflict", "text-bg-danger"],
  error: ["Not sent", "text-bg-warning"],
};

function badge([label, classes]) {
  return h("span", { class: `badge state-badge ${classes}` }, label);
}

export function interviewState(record, slot) {
  if (!record) {
    return slot && slot.synced > 0 ? "synced" : "not_started";
  }
  switch (record.state) {
    case "draft":
      return record.data.answers && Object.keys(record.data.answers).length ? "in_progress" : "consent";
    case "synced":
      return "synced";
    case "conflict":
      return "conflict";
    default:
      return "done";
  }
}

function resumeHref(record) {
  if (record.state !== "draft") {
    return `#/i/${record.id}/review`;
  }
  return `#/i/${record.id}/${record.data.screen || (record.data.aboutDone ? "review" : "about")}`;
}

function startHref(app, engagement, kind, slotId) {
  const versions = app.versions(engagement.id, kind);
  return versions.length ? `#/new/${engagement.id}/${kind}/${slotId || "-"}/${versions[0].id}` : null;
}

function actionFor(app, engagement, record, slot, kind) {
  if (record) {
    const label = record.state === "draft" ? "Resume" : "Open";
    return h("a", { class: "btn btn-outline-primary tap", href: resumeHref(record) }, label);
  }
  if (slot && slot.synced > 0) {
    return null;
  }
  const href = startHref(app, engagement, kind, slot ? slot.id : null);
  return href
    ? h("a", { class: "btn btn-primary tap", href }, "Start")
    : h("span", { class: "small text-body-secondary" }, "No published questionnaire");
}

function slotRow(app, engagement, slot) {
  const records = app.outbox.forSlot(slot.id);
  const record = records.find((r) => r.state === "draft") || records[records.length - 1] || null;
  const kind = slot.format === "group" ? "group" : "worker";
  return h(
    "li",
    { class: "list-group-item slot-row", dataset: { slot: slot.id } },
    h(
      "div",
      { class: "d-flex flex-wrap align-items-center gap-3" },
      h("div", { class: "slot-time" }, `${slot.start}–${slot.end}`),
      h(
        "div",
        { class: "flex-grow-1" },
        h("div", {}, `${slot.site} · ${slot.room}`),
        h(
          "div",
          { class: "small text-body-secondary" },
          slot.format === "group" ? "Group interview" : "Individual interview",
          slot.shift ? ` · ${slot.shift} shift` : "",
        ),
      ),
      badge(STATE_LABELS[interviewState(record, slot)]),
      actionFor(app, engagement, record, slot, kind),
    ),
  );
}

function otherRow(record) {
  return h(
    "li",
    { class: "list-group-item" },
    h(
      "div",
      { class: "d-flex flex-wrap align-items-center gap-3" },
      h("div", { class: "flex-grow-1" }, kindTitle(record.data.kind), h("div", { class: "small text-body-secondary" }, `Started ${formatTime(record.data.startedAt)}`)),
      badge(STATE_LABELS[interviewState(record, null)]),
      h("a", { class: "btn btn-outline-primary tap", href: resumeHref(record) }, record.state === "draft" ? "Resume" : "Open"),
    ),
  );
}

function daySheet(app, engagement) {
  const waiting = app.outbox.records.filter((r) => r.engagement === engagement.id && !["synced", "conflict"].includes(r.state)).length;
  const message = h("p", { class: "small mb-2", role: "status" });
  const button = h("button", { class: "btn btn-outline-success tap", type: "button" }, "Hand in today's sheet");
  if (waiting) {
    button.disabled = true;
    message.textContent = `Send the ${waiting} interview${waiting === 1 ? "" : "s"} still on this tablet first.`;
  } else if (!app.online) {
    button.disabled = true;
    message.textContent = "Handing in needs a connection.";
  } else {
    message.textContent = engagement.open_responses
      ? `${engagement.open_responses} interview${engagement.open_responses === 1 ? "" : "s"} on the server not yet handed in. Once handed in, they are read-only to you.`
      : "Nothing left to hand in.";
    button.disabled = !engagement.open_responses;
  }
  button.addEventListener("click", async () => {
    if (!window.confirm("Hand in today's sheet? The interviews become read-only to you.")) {
      return;
    }
    button.disabled = true;
    const result = await app.handIn(engagement.id);
    message.textContent = result;
  });
  return h("div", { class: "day-sheet border-top pt-3 mt-3" }, h("h3", { class: "h6" }, "The day's sheet"), message, button);
}

function banners(app) {
  const items = [];
  if (!app.online) {
    items.push(h("div", { class: "alert alert-secondary" }, "Offline. Interviews are kept encrypted on this tablet and sent when the connection returns."));
  }
  if (app.sync && app.sync.signedOut) {
    items.push(
      h(
        "div",
        { class: "alert alert-warning" },
        "Your session has ended. Interviews stay on this tablet, readable with its key. ",
        h("a", { href: `${app.urls.login}?next=${encodeURIComponent(location.pathname)}`, class: "alert-link" }, "Sign in again to send them."),
      ),
    );
  }
  if (!app.outbox.canWrite) {
    items.push(h("div", { class: "alert alert-danger" }, "This tablet has no key yet: connect once (signed in) before recording interviews offline."));
  }
  if (app.outbox.foreign) {
    items.push(
      h(
        "div",
        { class: "alert alert-warning" },
        `${app.outbox.foreign} interview record${app.outbox.foreign === 1 ? "" : "s"} of another interviewer wait on this tablet: they must sign in here to send them.`,
      ),
    );
  }
  if (app.dayStale) {
    items.push(h("div", { class: "alert alert-warning" }, `The schedule on this tablet is from ${formatDay(app.day.date)}: connect to load today's.`));
  }
  return items;
}

function outboxSummary(app) {
  const waiting = app.outbox.records.filter((r) => ["ready", "sending", "error"].includes(r.state)).length;
  const send = h("button", { class: "btn btn-primary tap", type: "button", disabled: !waiting || !app.online }, "Send now");
  send.addEventListener("click", () => app.sync.run({ force: true }));
  return h(
    "div",
    { class: "card card-body mb-3 d-flex flex-row flex-wrap align-items-center gap-3 outbox-summary" },
    h("div", { class: "flex-grow-1" }, waiting ? `${waiting} interview${waiting === 1 ? "" : "s"} waiting to be sent.` : "Nothing waiting to be sent."),
    send,
    h("a", { class: "btn btn-outline-secondary tap", href: "#/outbox" }, "Open the outbox"),
  );
}

export function renderDay(app, root, focus) {
  const sections = app.day.engagements.map((engagement) => {
    const others = app.outbox.records.filter((r) => r.engagement === engagement.id && !r.data.slot);
    const startButtons = ["worker", "group", "management", "recruiter"]
      .map((kind) => {
        const href = startHref(app, engagement, kind, null);
        return href ? h("a", { class: "btn btn-outline-primary tap", href }, kindTitle(kind)) : null;
      })
      .filter(Boolean);
    const follow = engagement.follow_up;
    return h(
      "section",
      { class: `card mb-4 engagement${focus === engagement.id ? " border-primary" : ""}`, id: `e-${engagement.id}`, "aria-labelledby": `e-${engagement.id}-h` },
      h("div", { class: "card-header" }, h("h2", { class: "h5 mb-0", id: `e-${engagement.id}-h` }, engagement.title)),
      h(
        "div",
        { class: "card-body" },
        follow && follow.number ? h("p", { class: "small mb-3" }, `Follow-up number for workers: ${follow.number}${follow.hours ? ` (${follow.hours})` : ""}`) : null,
        h("h3", { class: "h6" }, "Today's interviews"),
        engagement.slots.length
          ? h("ul", { class: "list-group mb-3 slots" }, engagement.slots.map((slot) => slotRow(app, engagement, slot)))
          : h("p", { class: "text-body-secondary" }, "No interview on your schedule today."),
        others.length ? [h("h3", { class: "h6" }, "Other interviews on this tablet"), h("ul", { class: "list-group mb-3" }, others.map(otherRow))] : null,
        startButtons.length
          ? h("div", {}, h("h3", { class: "h6" }, "Start an interview not on the schedule"), h("div", { class: "d-flex flex-wrap gap-2 start-buttons" }, startButtons))
          : null,
        daySheet(app, engagement),
      ),
    );
  });
  render(root, 
    h(
      "div",
      { class: "d-flex flex-wrap justify-content-between align-items-end gap-2 mb-3" },
      h("div", {}, h("h1", { class: "h3 mb-0" }, "Today"), h("p", { class: "text-body-secondary mb-0" }, formatDay(app.day.date))),
    ),
    banners(app),
    outboxSummary(app),
    sections.length ? sections : h("p", { class: "text-body-secondary" }, "You record interviews in no engagement."),
  );
  if (focus) {
    document.getElementById(`e-${focus}`)?.scrollIntoView();
  }
}

function recordLabel(app, record) {
  const slot = record.data.slot ? app.slot(record.data.slot) : null;
  const engagement = app.engagement(record.engagement);
  const where = slot ? `${slot.start}–${slot.end} · ${slot.site} · ${slot.room}` : engagement ? engagement.title : "";
  return [h("div", { class: "fw-semibold" }, kindTitle(record.data.kind)), h("div", { class: "small text-body-secondary" }, where)];
}

function outboxRow(app, record) {
  const details = [];
  const actions = [];
  if (record.state === "synced" && record.data.ack) {
    details.push(
      h("div", { class: "small text-success ack" }, `Received by the server ${formatTime(record.data.ack.at)}${record.data.ack.status === "duplicate" ? " (it already had it)" : ""}.`),
    );
  }
  if (record.state === "conflict") {
    details.push(h("div", { class: "small" }, "The server holds a different version of this interview. Both are kept: choose on the conflicts page."));
    actions.push(h("a", { class: "btn btn-outline-danger tap", href: app.urls.conflicts }, "Resolve"));
  }
  if (record.state === "error") {
    details.push(h("div", { class: "small text-danger" }, record.data.error || "Not sent."));
    for (const line of record.data.errors || []) {
      details.push(h("div", { class: "small text-danger" }, line));
    }
    if (!record.data.refused && record.nextAttemptAt) {
      details.push(h("div", { class: "small text-body-secondary" }, `Next try ${formatTime(new Date(record.nextAttemptAt).toISOString())}.`));
    }
    const retry = h("button", { class: "btn btn-outline-primary tap", type: "button", disabled: !app.online }, "Retry");
    retry.addEventListener("click", async () => {
      record.state = "ready";
      record.nextAttemptAt = 0;
      record.data.refused = false;
      await app.save(record);
      app.sync.run();
    });
    actions.push(retry);
    if (record.data.refused) {
      actions.push(h("a", { class: "btn btn-outline-secondary tap", href: `#/i/${record.id}/review` }, "Open to fix"));
    }
  }
  if (record.state === "draft") {
    actions.push(h("a", { class: "btn btn-outline-primary tap", href: resumeHref(record) }, "Resume"));
  }
  return h(
    "li",
    { class: "list-group-item outbox-row", dataset: { record: record.id, state: record.state } },
    h(
      "div",
      { class: "d-flex flex-wrap align-items-center gap-3" },
      h("div", { class: "flex-grow-1" }, recordLabel(app, record), details),
      badge(OUTBOX_LABELS[record.state] || [record.state, "text-bg-light"]),
      actions,
    ),
  );
}

export function renderOutbox(app, root) {
  const records = [...app.outbox.records].reverse();
  const send = h("button", { class: "btn btn-primary tap", type: "button", disabled: !app.online }, "Send now");
  send.addEventListener("click", () => app.sync.run({ force: true }));
  const storage =
    app.persisted === true
      ? "This tablet keeps the outbox even when its storage runs short."
      : "The browser may clear this outbox if storage runs short: install the app or allow persistent storage, and send often.";
  render(root, 
    h(
      "div",
      { class: "d-flex flex-wrap justify-content-between align-items-end gap-2 mb-3" },
      h("div", {}, h("h1", { class: "h3 mb-0" }, "Outbox"), h("p", { class: "text-body-secondary mb-0" }, "Every interview on this tablet, encrypted, and whether the server has it.")),
      send,
    ),
    banners(app),
    h("p", { class: "small text-body-secondary storage-note" }, storage),
    records.length
      ? h("ul", { class: "list-group outbox-list" }, records.map((record) => outboxRow(app, record)))
      : h("p", { class: "text-body-secondary" }, "No interview on this tablet."),
  );
}
