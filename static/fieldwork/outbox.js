// The outbox: every interview on this tablet, encrypted, and its way to the server.
//
// States: draft (being recorded) -> ready (finished, waiting) -> sending -> synced (the server's
// acknowledgement kept) | conflict (the server holds a different version: resolve on the conflicts
// page) | error (retried with backoff; a refused record says why and can be reopened to fix it).
// A record that reached the server keeps only what the day page needs: no answer, no consent, no phone.

import { getAll, put, remove } from "./db.js";
import { open, seal } from "./keys.js";

const BASE_DELAY = 5000;
const MAX_DELAY = 10 * 60 * 1000;

function aad(record) {
  return `record:${record.id}:${record.owner}`;
}

export class Outbox {
  constructor(owner, ring) {
    this.owner = owner;
    this.ring = ring;
    this.records = [];
    this.foreign = 0; // records of another interviewer, left untouched on this tablet
    this.unreadable = 0;
  }

  get canWrite() {
    return Boolean(this.ring && this.ring.current);
  }

  async load() {
    const rows = await getAll("records");
    const mine = [];
    this.foreign = 0;
    this.unreadable = 0;
    for (const row of rows) {
      if (row.owner !== this.owner) {
        this.foreign += 1;
        continue;
      }
      const key = this.ring.keys.get(row.keyId);
      if (!key) {
        this.unreadable += 1;
        continue;
      }
      try {
        const data = await open(key, aad(row), row.iv, row.ct);
        const { iv, ct, ...plain } = row;
        mine.push({ ...plain, data });
      } catch (error) {
        this.unreadable += 1;
      }
    }
    mine.sort((a, b) => (a.data.startedAt < b.data.startedAt ? -1 : 1));
    this.records = mine;
    return mine;
  }

  find(id) {
    return this.records.find((record) => record.id === id);
  }

  forSlot(slotId) {
    return this.records.filter((record) => record.data.slot === slotId);
  }

  async save(record) {
    if (!this.canWrite) {
      throw new Error("No key on this tablet yet: connect once to set it up.");
    }
    record.keyId = this.ring.current;
    record.updatedAt = new Date().toISOString();
    const { iv, ct } = await seal(this.ring.keys.get(record.keyId), aad(record), record.data);
    const { data, ...plain } = record;
    await put("records", { ...plain, iv, ct });
    if (!this.find(record.id)) {
      this.records.push(record);
    }
    return record;
  }

  async create(engagement, data) {
    const record = {
      id: crypto.randomUUID(),
      owner: this.owner,
      engagement,
      keyId: null,
      state: "draft",
      updatedAt: null,
      attempts: 0,
      nextAttemptAt: 0,
      data: { ...data, startedAt: new Date().toISOString() },
    };
    return this.save(record);
  }

  async discard(record) {
    await remove("records", record.id);
    this.records = this.records.filter((r) => r.id !== record.id);
  }
}

// What the server needs to know once the record is there; the rest leaves the tablet.
function afterServer(data, ack) {
  return {
    kind: data.kind,
    versionId: data.versionId,
    slot: data.slot || null,
    label: data.label || "",
    startedAt: data.startedAt,
    finishedAt: data.finishedAt || null,
    ack,
  };
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function backoff(attempts) {
  const delay = Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.min(attempts, 12));
  return Math.round(delay * (0.75 + Math.random() * 0.5));
}

function shuffled(items) {
  // The server must not learn the schedule's order from the order records arrive in.
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function fieldErrors(errors) {
  return Object.entries(errors || {}).map(([field, messages]) => `${field}: ${[].concat(messages).join(" ")}`);
}

export class Sync {
  constructor(outbox, syncUrl, zero, onChange) {
    this.outbox = outbox;
    this.syncUrl = syncUrl;
    this.zero = zero;
    this.onChange = onChange;
    this.running = false;
    this.timer = null;
    this.signedOut = false;
    this.onSynced = null; // called after a run that delivered records (the day's counts changed)
  }

  url(record) {
    return this.syncUrl.replace(this.zero, record.engagement).replace(this.zero, record.id);
  }

  due(now = Date.now()) {
    return this.outbox.records.filter(
      (record) =>
        record.state === "ready" ||
        record.state === "sending" ||
        (record.state === "error" && !record.data.refused && (record.nextAttemptAt || 0) <= now),
    );
  }

  async run({ force = false } = {}) {
    if (this.running || !navigator.onLine) {
      return;
    }
    this.running = true;
    clearTimeout(this.timer);
    let synced = 0;
    try {
      if (force) {
        for (const record of this.outbox.records) {
          if (record.state === "error") {
            record.nextAttemptAt = 0;
          }
        }
      }
      for (const record of shuffled(this.due())) {
        const outcome = await this.send(record);
        synced += record.state === "synced" ? 1 : 0;
        this.onChange();
        if (outcome === "stop") {
          break;
        }
      }
    } finally {
      this.running = false;
      this.schedule();
    }
    if (synced && this.onSynced) {
      await this.onSynced(synced);
    }
  }

  schedule() {
    const waiting = this.outbox.records.filter((r) => r.state === "error" && !r.data.refused && r.nextAttemptAt);
    if (!waiting.length) {
      return;
    }
    const next = Math.min(...waiting.map((r) => r.nextAttemptAt));
    this.timer = setTimeout(() => this.run(), Math.max(1000, next - Date.now()));
  }

  async failed(record, message, { refused = false, errors = null } = {}) {
    record.state = "error";
    record.attempts = (record.attempts || 0) + 1;
    record.nextAttemptAt = refused ? 0 : Date.now() + backoff(record.attempts);
    record.data.error = message;
    record.data.errors = errors;
    record.data.refused = refused;
    await this.outbox.save(record);
  }

  async send(record) {
    const payload = record.data.payload;
    if (!payload) {
      await this.failed(record, "Nothing to send: reopen the interview and finish it again.", { refused: true });
      return "next";
    }
    record.state = "sending";
    await this.outbox.save(record);
    this.onChange();
    let response;
    try {
      response = await fetch(this.url(record), {
        method: "PUT",
        credentials: "same-origin",
        redirect: "manual",
        cache: "no-store",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      await this.failed(record, "No connection to the server: it will be sent again.");
      return "stop";
    }
    if (response.type === "opaqueredirect" || response.status === 401) {
      this.signedOut = true;
      record.state = "ready";
      await this.outbox.save(record);
      return "stop";
    }
    let body = {};
    try {
      body = await response.json();
    } catch (error) {
      body = {};
    }
    if (response.status === 201 || response.status === 200) {
      const ack = { status: body.status || "stored", at: body.received_at || new Date().toISOString() };
      record.state = "synced";
      record.attempts = 0;
      record.nextAttemptAt = 0;
      record.data = afterServer(record.data, ack);
      await this.outbox.save(record);
      return "next";
    }
    if (response.status === 409) {
      record.state = "conflict";
      record.data = afterServer(record.data, { status: "conflict", at: new Date().toISOString() });
      await this.outbox.save(record);
      return "next";
    }
    if (response.status === 400) {
      await this.failed(record, "The server refused this record:", { refused: true, errors: fieldErrors(body.errors) });
      return "next";
    }
    if (response.status === 403) {
      this.signedOut = true;
      await this.failed(record, "The server did not accept your session: sign in again (the record stays here).");
      return "stop";
    }
    if (response.status === 404) {
      await this.failed(record, "This engagement is no longer open to you: ask your lead assessor.");
      return "next";
    }
    await this.failed(record, `The server could not take it now (${response.status}): it will be sent again.`);
    return "stop";
  }
}
