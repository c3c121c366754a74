/* Netral kiosk service worker: keeps the kiosk's page and files so that it opens without a
   network. Check-ins are not its business: the page keeps them in localStorage and sends them. */
const CACHE = "netral-kiosk-v1";
const PAGE = "{{ urls.app|escapejs }}";

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", (event) => {
  // The page names its files (their hashed static URLs) once it has loaded.
  if (event.data && event.data.type === "cache") {
    event.waitUntil(
      caches.open(CACHE).then((cache) => cache.addAll([PAGE, ...event.data.files]))
        .then(() => event.source && event.source.postMessage({ type: "cached" }))
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const isPage = request.mode === "navigate" && url.pathname === PAGE;
  const isFile = url.pathname.includes("/static/");
  if (!isPage && !isFile) return;
  // Network first (a fresh page when online), the kept copy when the network fails.
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(isPage ? PAGE : request, copy));
      }
      return response;
    }).catch(() => caches.match(isPage ? PAGE : request).then((hit) => hit || Response.error()))
  );
});
