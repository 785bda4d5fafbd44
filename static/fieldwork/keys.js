// The outbox key: derived with HKDF from the session's secret (fetched, never stored), kept in
// IndexedDB only as a NON-extractable AES-GCM CryptoKey, so that an offline reload still decrypts.
// Every record value is sealed with AES-GCM under it, bound to the record's id and owner.

import { get, getAll, put } from "./db.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const INFO = encoder.encode("mapping-field outbox v1");

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

async function derive(secret, owner) {
  const raw = fromBase64Url(secret);
  const base = await crypto.subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]);
  raw.fill(0);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode(`owner:${owner}`), info: INFO },
    base,
    { name: "AES-GCM", length: 256 },
    false, // not extractable: script on this page can use the key but never read it out
    ["encrypt", "decrypt"],
  );
}

// Online: ask the server for the session's secret and derive (once per session) the key.
// Returns {status: "ok", id, owner} or {status: "signed-out" | "offline"}.
export async function refreshKey(keyUrl) {
  let response;
  try {
    response = await fetch(keyUrl, {
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      headers: { Accept: "application/json" },
    });
  } catch (error) {
    return { status: "offline" };
  }
  if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
    return { status: "signed-out" };
  }
  if (!response.ok) {
    return { status: "offline" };
  }
  const { id, user: owner, secret } = await response.json();
  if (!(await get("keys", id))) {
    // Only the derived, non-extractable key is stored; the secret goes out of scope with this call.
    const key = await derive(secret, owner);
    await put("keys", { id, owner, createdAt: new Date().toISOString(), key });
  }
  return { status: "ok", id, owner };
}

// All keys of this owner on the tablet (older sessions' too: their records must stay readable).
export async function keyring(owner) {
  const rows = (await getAll("keys")).filter((row) => row.owner === owner);
  rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return { current: rows.length ? rows[0].id : null, keys: new Map(rows.map((row) => [row.id, row.key])) };
}

export async function seal(key, aad, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = encoder.encode(JSON.stringify(value));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key, data);
  return { iv, ct: new Uint8Array(ct) };
}

export async function open(key, aad, iv, ct) {
  const data = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key, ct);
  return JSON.parse(decoder.decode(data));
}
