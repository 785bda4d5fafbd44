/* The capture app's service worker (served by interviews/fieldwork/views.py at /field/sw.js; scope /field/).
 *
 * It caches the app shell only: the page and its scripts, styles and icons. The day's data is
 * cached by the page itself (static/fieldwork/app.js), and interview records never touch Cache
 * Storage: they live encrypted in IndexedDB. Signing out deletes these caches.
 */
"use strict";

const VERSION = "{{ version }}";
const SHELL = "{{ shell_url }}";
const ASSETS = {{ assets|safe }};
const CACHE = "field-shell-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // "reload": straight from the server, never a copy the browser's HTTP cache still holds.
      .then((cache) => cache.addAll([SHELL, ...ASSETS].map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("field-shell-") && key !== CACHE).map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

// The page: from the network when it answers (so a new sign-in gets a fresh page), else the cached shell.
async function shellFirstFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const cache = await caches.open(CACHE);
      await cache.put(SHELL, response.clone());
    }
    if (response.status < 500) {
      return response;
    }
  } catch (error) {
    // Offline: fall through to the cached shell.
  }
  const cached = await caches.match(SHELL, { cacheName: CACHE });
  return cached || Response.error();
}

async function assetFromCache(request, path) {
  const cached = await caches.match(path, { cacheName: CACHE });
  return cached || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && url.pathname === SHELL) {
    event.respondWith(shellFirstFromNetwork(request));
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(assetFromCache(request, url.pathname));
  }
  // Everything else (the day's data, the key, the sync API, other pages) goes to the network untouched.
});
