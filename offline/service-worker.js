// Adder Lab's service worker: after one visit, the lab (lessons, playground, terminal, compare
// page) works with the network off. scripts/offline.mjs writes the release's files and their
// content hashes into FILES and VERSION when it copies this file to dist/sw.js.
//
// One cache per release and per place the app is hosted (CacheStorage is per origin, and one
// origin may host several copies at several sub-paths): every file of a page comes from the same
// release's cache, so new glue never meets old wasm. A new release's worker fills its own cache
// and waits until no page of the old release is open (no skipWaiting: an open page may still ask
// for its release's terminal or compare files), then takes over and deletes the old cache.
// Only requests of pages inside the scope pass through here: a page that embeds the app (a book,
// a course, a docs site) is outside it, and its own requests never reach this worker.
const FILES = [/*FILES*/];
const VERSION = "/*VERSION*/";
const PREFIX = "adder-lab " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  // A page is cached by its folder (the query is the page's own business: a lesson, a link).
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  const key = request.mode === "navigate" ? url.href.replace(/index\.html$/, "") : url.href;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached || fetch(request)),
  );
});
