// The tablet's local store: one IndexedDB database with three object stores.
//   keys:     {id, owner, createdAt, key}  key = a NON-extractable AES-GCM CryptoKey (never the secret)
//   records:  {id, owner, engagement, keyId, state, updatedAt, attempts, nextAttemptAt, iv, ct}
//   versions: {id, definition}  published questionnaires (no answers), so that an interview started in
//             a version keeps working after a newer version replaces it in the day's data
// Everything an interviewer typed is inside `ct` (AES-GCM); only the record's bookkeeping is plain.

export const DB_NAME = "mapping-field";
const DB_VERSION = 1;
export const CACHE_PREFIX = "field-";

let opening = null;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.addEventListener("success", () => resolve(request.result));
    request.addEventListener("error", () => reject(request.error));
  });
}

export function openDb() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.addEventListener("upgradeneeded", () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("keys")) {
          db.createObjectStore("keys", { keyPath: "id" });
        }
        if (!db.objectStoreNames.contains("records")) {
          db.createObjectStore("records", { keyPath: "id" });
        }
        if (!db.objectStoreNames.contains("versions")) {
          db.createObjectStore("versions", { keyPath: "id" });
        }
      });
      request.addEventListener("success", () => {
        const db = request.result;
        // Another tab signing out deletes the database: let it, and open again next time.
        db.addEventListener("versionchange", () => {
          db.close();
          opening = null;
        });
        resolve(db);
      });
      request.addEventListener("error", () => {
        opening = null;
        reject(request.error);
      });
    });
  }
  return opening;
}

async function withStore(name, mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    let result;
    Promise.resolve(action(tx.objectStore(name)))
      .then((value) => {
        result = value;
      })
      .catch(reject);
    tx.addEventListener("complete", () => resolve(result));
    tx.addEventListener("error", () => reject(tx.error));
    tx.addEventListener("abort", () => reject(tx.error));
  });
}

export function getAll(name) {
  return withStore(name, "readonly", (store) => promised(store.getAll()));
}

export function get(name, id) {
  return withStore(name, "readonly", (store) => promised(store.get(id)));
}

export function put(name, value) {
  return withStore(name, "readwrite", (store) => promised(store.put(value)));
}

export function remove(name, id) {
  return withStore(name, "readwrite", (store) => promised(store.delete(id)));
}

// Records not yet safely on the server (everything but "synced" and "conflict", which the server holds).
export async function unsentCount() {
  const existing = typeof indexedDB.databases === "function" ? await indexedDB.databases() : null;
  if (existing && !existing.some((info) => info.name === DB_NAME)) {
    return 0;
  }
  const rows = await getAll("records");
  return rows.filter((row) => row.state !== "synced" && row.state !== "conflict").length;
}

// Signing out: the database (records and keys), the app's caches and its service worker all go.
export async function wipe() {
  if (opening) {
    try {
      (await opening).close();
    } catch (error) {
      // Never opened: nothing to close.
    }
    opening = null;
  }
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.addEventListener("success", resolve);
    request.addEventListener("error", resolve);
    request.addEventListener("blocked", resolve);
  });
  if (self.caches) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)));
  }
  if (navigator.serviceWorker) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((registration) => registration.unregister()));
  }
}
