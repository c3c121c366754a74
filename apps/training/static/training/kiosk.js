/* Netral kiosk: one session's door on a tablet or phone, online or not.

   Every check-in gets an id made here and is kept in localStorage before anything is sent, so a
   closed tab or a dropped network loses nothing; the queue goes to the server in one request
   (each check-in counted exactly once there) whenever the network is back. The session's
   registrations (code, name, institution, presence) are kept too, to answer and search offline.
   A service worker keeps this page and its files so that the kiosk opens without a network. */
(function () {
  "use strict";
  const root = document.getElementById("kiosk");
  if (!root) return;
  const T = JSON.parse(document.getElementById("kiosk-texts").textContent);
  const $ = (id) => document.getElementById(id);
  const input = $("kiosk-input");
  const search = $("kiosk-search");
  const STORE = "netral-kiosk:" + root.dataset.key;
  const MAX_BATCH = 500;

  const state = load();
  let byCode = new Map();
  let byId = new Map();
  let networkOk = navigator.onLine;
  let flushing = null;
  let closedForGood = false;
  // Bumped whenever the server's answers to our check-ins are applied: a list of registrations
  // fetched before that is older than what the kiosk knows, and is not applied.
  let generation = 0;
  // A page going away starts nothing: its queue is in localStorage for the next opening.
  let leaving = false;

  function defaults() {
    return { registrations: [], queue: [], conflicts: [], last: null, sound: true, loaded: false };
  }
  function load() {
    try {
      return Object.assign(defaults(), JSON.parse(localStorage.getItem(STORE) || "{}"));
    } catch (e) {
      return defaults();
    }
  }
  function save() {
    localStorage.setItem(STORE, JSON.stringify(state));
  }
  function reindex() {
    byCode = new Map(state.registrations.map((r) => [r.code, r]));
    byId = new Map(state.registrations.map((r) => [r.id, r]));
  }
  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, (_, key) => (values[key] == null ? "" : values[key]));
  }
  function hhmm(iso) {
    return new Date(iso).toLocaleTimeString("id-ID", {
      hour: "2-digit", minute: "2-digit", timeZone: "Asia/Makassar",
    });
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // crypto.randomUUID needs a secure context; getRandomValues does not.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  function splitScan(value) {
    const cleaned = (value || "").replace(/[\s.\-]/g, "");
    if (/^\d{18}$/.test(cleaned)) return { nip: cleaned };
    return cleaned ? { code: cleaned.toUpperCase() } : {};
  }

  // --- what the door says ---

  let audio = null;
  const TONES = { ok: [880, 1320], warn: [660, 660], bad: [196, 196], info: [523] };
  function beep(kind) {
    root.dataset.lastSound = kind;
    if (!state.sound) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      let at = audio.currentTime;
      for (const frequency of TONES[kind]) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = kind === "bad" ? "square" : "sine";
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.2, at);
        gain.gain.exponentialRampToValueAtTime(0.001, at + 0.18);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.2);
        at += 0.22;
      }
    } catch (e) {
      /* no sound on this device: the colours and words still answer */
    }
  }

  function show(tone, headline, name, detail, undoId) {
    const box = $("kiosk-answer");
    box.className = "answer tone-" + tone;
    box.hidden = false;
    $("kiosk-headline").textContent = headline;
    $("kiosk-name").textContent = name || "";
    $("kiosk-detail").textContent = detail || "";
    const undo = $("kiosk-undo");
    undo.hidden = !undoId;
    undo.dataset.id = undoId || "";
    beep(tone);
  }

  function render() {
    const waiting = state.queue.length;
    const net = $("kiosk-network");
    const online = networkOk && navigator.onLine;
    let text = online ? T.online : T.offline;
    if (waiting) text += " · " + fmt(T.waiting, { n: waiting });
    net.textContent = text;
    net.className = "net " + (online ? "net-online" : "net-offline");
    root.dataset.waiting = String(waiting);
    root.dataset.online = online ? "1" : "0";
    const present = state.registrations.filter((r) => r.attended_at).length;
    $("kiosk-present").textContent = String(present);
    $("kiosk-registered").textContent = String(state.registrations.length);
    const section = $("kiosk-conflicts");
    const list = $("kiosk-conflict-list");
    list.replaceChildren(...state.conflicts.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    section.hidden = !state.conflicts.length;
  }

  // --- a scan, a typed NIP, a name picked ---

  function scan(value, byName) {
    const what = splitScan(value);
    if (!what.code && !what.nip) return;
    const item = { id: newId(), scanned_at: new Date().toISOString() };
    if (what.nip) item.nip = what.nip;
    else item.code = what.code;
    if (byName) item.by_name = true;
    const known = what.code ? byCode.get(what.code) : null;
    if (known && known.attended_at) {
      show("warn", T.already, known.name, fmt(T.alreadyAt, { t: hhmm(known.attended_at) }));
    } else if (known) {
      known.attended_at = item.scanned_at;
      item.registration = known.id;
      state.queue.push(item);
      state.last = item.id;
      save();
      show("ok", T.present, known.name, fmt(T.presentAt, { t: hhmm(item.scanned_at) }), item.id);
      flush();
    } else if (networkOk && navigator.onLine) {
      // Not in the kept list (registered a minute ago?): the server answers.
      item.pending = true;
      state.queue.push(item);
      save();
      flush();
    } else if (item.nip) {
      item.pending = true;
      state.queue.push(item);
      save();
      show("info", T.saved, "", fmt(T.savedDetail, { v: item.nip }));
    } else {
      show("bad", T.unknown, "", fmt(T.unknownDetail, { v: value.trim() }));
    }
    render();
  }

  function answerPending(item, result) {
    const registration = result.registration;
    if (result.status === "checked_in") {
      state.last = item.id;
      show("ok", T.present, registration.name,
        fmt(T.presentAt, { t: hhmm(registration.attended_at) }), item.id);
    } else if (result.status === "already_checked_in") {
      show("warn", T.already, registration.name,
        fmt(T.alreadyAt, { t: hhmm(registration.attended_at) }));
    } else {
      show("bad", T.unknown, "", fmt(T.unknownDetail, { v: item.code || item.nip }));
    }
  }

  function applyResults(batch, data) {
    const results = new Map(data.results.map((r) => [r.id, r]));
    state.queue = state.queue.filter((item) => !results.has(item.id));
    for (const item of batch) {
      const result = results.get(item.id);
      if (!result) continue;
      const registration = result.registration;
      const kept = registration && byId.get(registration.id);
      if (kept) kept.attended_at = registration.attended_at;
      if (item.pending) {
        answerPending(item, result);
      } else if (result.status === "already_checked_in") {
        state.conflicts.push(fmt(T.conflict, {
          name: registration.name, t: hhmm(registration.attended_at),
        }));
      } else if (result.status === "not_registered") {
        state.conflicts.push(fmt(T.lateUnknown, { v: item.code || item.nip }));
      }
    }
  }

  function request(url, body) {
    return fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  }

  function closed() {
    closedForGood = true;
    show("bad", "", "", T.closed);
  }

  function offlineKnown() {
    // The browser knows it has no network: do not even try (and nothing slips out through the
    // service worker, which a browser's offline switch does not always cover).
    if (navigator.onLine) return false;
    networkOk = false;
    render();
    return true;
  }

  function flush() {
    if (flushing || closedForGood || leaving || !state.queue.length) return flushing;
    if (offlineKnown()) return null;
    const batch = state.queue.slice(0, MAX_BATCH);
    const wire = batch.map((item) => {
      const out = { id: item.id, scanned_at: item.scanned_at };
      if (item.code) out.code = item.code;
      if (item.nip) out.nip = item.nip;
      if (item.by_name) out.by_name = true;
      return out;
    });
    flushing = request(root.dataset.syncUrl, { check_ins: wire })
      .then(async (response) => {
        networkOk = true;
        if (response.status === 404) return closed();
        const data = await response.json();
        if (response.ok) {
          applyResults(batch, data);
          generation += 1;
        } else {
          // Refused as a whole (a cancelled session): shown, kept out of the way of the next.
          const message = (data.error && data.error.message) || String(response.status);
          state.queue = state.queue.filter((item) => !batch.includes(item));
          state.conflicts.push(fmt(T.refused, { v: message }));
        }
        save();
      })
      .catch(() => {
        networkOk = false;
        for (const item of batch) {
          if (item.pending && item.code && !item.answered) {
            item.answered = true;
            show("bad", T.unknown, "", fmt(T.unknownDetail, { v: item.code }));
          }
        }
        state.queue = state.queue.filter((item) => !(item.pending && item.code));
        save();
      })
      .finally(() => {
        flushing = null;
        render();
        if (networkOk && state.queue.length) flush();
      });
    return flushing;
  }

  function refresh() {
    if (leaving || offlineKnown()) return Promise.resolve();
    const started = generation;
    return request(root.dataset.dataUrl)
      .then(async (response) => {
        networkOk = true;
        if (response.status === 404) return closed();
        if (!response.ok) return;
        const data = await response.json();
        if (generation !== started || flushing) return;
        const queued = new Map(state.queue.filter((i) => i.registration).map((i) => [i.registration, i]));
        state.registrations = data.registrations.map((r) => {
          const waiting = queued.get(r.id);
          return waiting && !r.attended_at ? Object.assign(r, { attended_at: waiting.scanned_at }) : r;
        });
        state.loaded = true;
        reindex();
        save();
        root.dataset.loaded = "1";
      })
      .catch(() => {
        networkOk = false;
      })
      .finally(render);
  }

  // --- undo ---

  function undo(id) {
    const waiting = state.queue.find((item) => item.id === id);
    if (waiting) {
      state.queue = state.queue.filter((item) => item !== waiting);
      const kept = byId.get(waiting.registration);
      if (kept) kept.attended_at = null;
      save();
      render();
      show("info", T.undone, "", fmt(T.undoneDetail, { name: kept ? kept.name : "" }));
      return;
    }
    request(root.dataset.undoUrl, { id })
      .then(async (response) => {
        const data = await response.json();
        if (!response.ok) {
          show("bad", "", "", (data.error && data.error.message) || String(response.status));
          return;
        }
        const kept = byId.get(data.registration.id);
        if (kept) kept.attended_at = null;
        save();
        render();
        show("info", T.undone, "", fmt(T.undoneDetail, { name: data.registration.name }));
      })
      .catch(() => show("bad", "", "", T.undoLate));
  }

  // --- name search among the session's registrations ---

  function norm(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function showMatches() {
    const list = $("kiosk-matches");
    const query = norm(search.value);
    list.replaceChildren();
    if (query.length < 3) return;
    const found = state.registrations.filter((r) => norm(r.name).includes(query)).slice(0, 8);
    if (!found.length) {
      const li = document.createElement("li");
      li.textContent = T.noMatch;
      list.append(li);
      return;
    }
    for (const registration of found) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      const name = document.createElement("strong");
      name.textContent = registration.name;
      const more = document.createElement("span");
      more.textContent = registration.institution || "";
      button.append(name, more);
      if (registration.attended_at) {
        const present = document.createElement("span");
        present.className = "present";
        present.textContent = " · " + fmt(T.presentShort, { t: hhmm(registration.attended_at) });
        button.append(present);
      }
      button.addEventListener("click", () => {
        search.value = "";
        list.replaceChildren();
        scan(registration.code, true);
        input.focus();
      });
      li.append(button);
      list.append(li);
    }
  }

  // --- the camera: the browser's BarcodeDetector, or jsQR on a canvas ---

  let stream = null;
  let timer = null;
  let detector = null;
  let lastSeen = { value: "", at: 0 };
  const canvas = document.createElement("canvas");

  async function startCamera() {
    const note = $("kiosk-camera-note");
    const box = $("kiosk-camera-box");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      box.hidden = false;
      note.textContent = T.cameraNone;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" }, audio: false,
      });
    } catch (e) {
      box.hidden = false;
      note.textContent = T.cameraNone;
      return;
    }
    const video = $("kiosk-video");
    video.srcObject = stream;
    await video.play();
    box.hidden = false;
    note.textContent = T.cameraOn;
    $("kiosk-camera").textContent = T.cameraStop;
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      } catch (e) {
        detector = null;
      }
    }
    timer = setInterval(() => readFrame(video), 250);
  }

  function stopCamera() {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    $("kiosk-camera-box").hidden = true;
    $("kiosk-camera").textContent = T.cameraStart;
  }

  async function readFrame(video) {
    if (video.readyState < 2) return;
    let value = null;
    if (detector) {
      const found = await detector.detect(video);
      value = found.length ? found[0].rawValue : null;
    } else if (window.jsQR) {
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const hit = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      value = hit ? hit.data : null;
    }
    const now = Date.now();
    // The same card held in front of the camera is one scan, not one every 250 ms.
    if (value && (value !== lastSeen.value || now - lastSeen.at > 4000)) {
      lastSeen = { value, at: now };
      scan(value);
    }
  }

  // --- wiring ---

  $("kiosk-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = input.value;
    input.value = "";
    scan(value);
    input.focus();
  });
  $("kiosk-undo").addEventListener("click", (event) => {
    event.currentTarget.hidden = true;
    undo(event.currentTarget.dataset.id);
    input.focus();
  });
  search.addEventListener("input", showMatches);
  $("kiosk-camera").addEventListener("click", () => (stream ? stopCamera() : startCamera()));
  $("kiosk-sound").addEventListener("click", (event) => {
    state.sound = !state.sound;
    event.currentTarget.textContent = state.sound ? T.soundOn : T.soundOff;
    event.currentTarget.setAttribute("aria-pressed", state.sound ? "true" : "false");
    save();
  });
  window.addEventListener("online", () => {
    networkOk = true;
    render();
    Promise.resolve(flush()).then(refresh);
  });
  for (const event of ["beforeunload", "pagehide"]) {
    window.addEventListener(event, () => {
      leaving = true;
    });
  }
  window.addEventListener("pageshow", () => {
    leaving = false;
  });
  window.addEventListener("offline", () => {
    networkOk = false;
    render();
  });
  setInterval(() => {
    if (state.queue.length) flush();
  }, 10000);
  setInterval(() => {
    if (networkOk && navigator.onLine && !state.queue.length) refresh();
  }, 60000);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "cached") root.dataset.offlineReady = "1";
    });
    navigator.serviceWorker.register(root.dataset.workerUrl, { scope: root.dataset.scope })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const files = root.dataset.static.split(" ").filter(Boolean);
        registration.active.postMessage({ type: "cache", files });
      })
      .catch(() => {
        /* no service worker (an insecure origin): the kiosk works while the page stays open */
      });
  }

  $("kiosk-sound").textContent = state.sound ? T.soundOn : T.soundOff;
  reindex();
  render();
  if (state.loaded) root.dataset.loaded = "1";
  refresh().then(flush);
})();
