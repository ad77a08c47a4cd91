// Threat Atlas service worker. `atlas-data service-worker` fills in VERSION (a hash of every
// file of the build) and FILES (each path with the SHA-256 of its bytes) after each release
// build, so each build gets its own cache and a page is only ever served files of one build.
const VERSION = "__VERSION__";
const FILES = __FILES__;
// Files of this build kept only once the page asks for them (the worker module, started
// when the reader opens a file or downloads one), each checked against its hash like the precached ones.
const LAZY = __LAZY__;
// Which static page answers a navigation to each route, from the core's route table
// (`atlas_core::route::PAGES`); every other route gets 404.html, as on GitHub Pages.
const PAGES = __PAGES__;
// Cache names carry the registration scope: a sibling deployment on the same origin (say
// /threat-atlas-staging/ beside /threat-atlas/) has caches of its own, which this worker
// never reads or deletes.
const PREFIX = "threat-atlas " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;
// Before cache names carried the scope, they were "threat-atlas-" and the version.
const OLD_PREFIX = "threat-atlas-";
// A page of this build names this build's wasm; one that does not is from another build.
const WASM = (FILES.find(([f]) => f.endsWith("_bg.wasm")) || [""])[0];
// Each file of the build (precached or lazy) by path, with its hash.
const INTEGRITY = new Map(FILES.concat(LAZY));
const LAZY_PATHS = new Set(LAZY.map(([f]) => f));

// Tells the open pages of this deployment something about offline use (sw-register.js
// shows it). The origin's other deployments' pages are not this worker's to tell.
async function tell(message) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) if (page.url.startsWith(self.registration.scope)) page.postMessage(message);
}

// An actor's page, drawn at build time, is not precached (there are over a thousand): it is
// kept once visited, if it is this build's, and an actor never visited gets 404.html
// offline, from which the app draws the actor itself.
async function actorPage(request, route, cache) {
  const key = new URL(route + ".html", self.registration.scope).href;
  const saved = await cache.match(key);
  if (saved) return saved;
  try {
    const fresh = await fetch(request);
    if (fresh.ok && WASM) {
      const text = await fresh.clone().text();
      if (text.includes(WASM)) await cache.put(key, fresh.clone());
    }
    return fresh;
  } catch (e) {
    return (await cache.match("404.html")) || Response.error();
  }
}

self.addEventListener("install", (event) => {
  // "no-cache" revalidates with the server, so a file the page has just downloaded costs a
  // 304, not its bytes again. The integrity hash makes the install fail, rather than cache
  // a file of another build, if the server has moved on since this worker was built.
  // A failed install leaves no cache behind, and the open pages are told why; the page
  // registers the worker again on the next visit, which tries again.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map(([f, integrity]) => new Request(f, { cache: "no-cache", integrity }))))
      .catch(async (e) => {
        await caches.delete(CACHE);
        // With a build already active, offline use goes on with it: nothing to report.
        if (!self.registration.active) await tell({ type: "install-failed", reason: String((e && e.message) || e) });
        throw e;
      })
  );
  // No skipWaiting here: a page that is open keeps the version it started with until the
  // reader accepts the update, so it never mixes files of two builds.
});

// An old-style cache is this scope's when it holds this scope's 404.html, which every build
// precaches; a sibling deployment's holds its own.
async function ours(name) {
  const cache = await caches.open(name);
  return Boolean(await cache.match(new URL("404.html", self.registration.scope).href));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.map(async (k) => {
        if (k === CACHE) return;
        if (k.startsWith(PREFIX) || (k.startsWith(OLD_PREFIX) && (await ours(k)))) await caches.delete(k);
      })))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Each route gets the static page GitHub Pages would send: the home page index.html
      // (cached as "./"), /timeline timeline.html, any route without a page of its own
      // 404.html. The router takes it from there.
      if (request.mode === "navigate") {
        const route = url.pathname
          .slice(scope.pathname.length)
          .replace(/\/+$/, "")
          .replace(/(^|\/)index\.html$/, "")
          .replace(/\.html$/, "");
        if (route.startsWith("actor/") && !route.slice(6).includes("/")) return actorPage(request, route, cache);
        const page = Object.prototype.hasOwnProperty.call(PAGES, route) ? PAGES[route] : "404.html";
        const shell = (await cache.match(page)) || (await cache.match("404.html"));
        return shell || fetch(request);
      }
      const path = url.pathname.slice(scope.pathname.length);
      const integrity = INTEGRITY.get(path);
      if (LAZY_PATHS.has(path)) {
        const saved = await cache.match(request, { ignoreSearch: true });
        if (saved) return saved;
        const fresh = await fetch(new Request(request.url, { integrity }));
        if (fresh.ok) await cache.put(request, fresh.clone());
        return fresh;
      }
      // "Try again" asks past every cache. A file of this build is fetched with its hash, so
      // only its own bytes are kept (a broken or newer copy fails the check, and the saved
      // copy answers); anything else is passed on and never stored.
      if (request.cache === "reload" || request.cache === "no-cache") {
        if (!integrity) return fetch(request);
        try {
          const fresh = await fetch(new Request(request.url, { cache: request.cache, integrity }));
          if (fresh.ok) await cache.put(request, fresh.clone());
          return fresh;
        } catch (e) {
          const saved = await cache.match(request, { ignoreSearch: true });
          if (saved) return saved;
          throw e;
        }
      }
      const hit = await cache.match(request, { ignoreSearch: true });
      return hit || fetch(request);
    })()
  );
});
