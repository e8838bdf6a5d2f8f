/* Guomen phone app: photos kept on the phone (IndexedDB) until they can be uploaded.

   A photo taken without signal, or whose upload did not reach the server, is stored with its task, a
   label, its place and time and its own idempotency key. flush() uploads the waiting photos one by one
   with their key, so a photo that reached the server but whose answer was lost is not stored twice.
   States: pending (waiting for signal), failed (refused, reason shown, kept until retried or
   discarded), conflict (the task was closed by someone else; kept until the inspector dismisses it).
   Texts come from the data-msg-* attributes of the sync panel (translated by the server). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gm-phone-config").textContent);
  var DB_NAME = "gm-photos-" + config.user;
  var STORE = "photos";
  var MAX_PHOTOS = 50;
  var MAX_BYTES = 15 * 1024 * 1024;
  var TYPES = ["image/jpeg", "image/png", "image/webp"];
  var dbPromise = null;
  var flushing = null;

  function msg(name, n) {
    var panel = document.getElementById("gm-sync");
    var text = (panel && panel.getAttribute("data-msg-" + name)) || name;
    return n === undefined ? text : text.replace("%(n)s", String(n));
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return "photo-" + crypto.randomUUID(); }
    return "photo-" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        if (!window.indexedDB) { reject(new Error("no-indexeddb")); return; }
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "key" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result;
        Promise.resolve(work(tx.objectStore(STORE))).then(function (value) { result = value; });
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("abort")); };
      });
    });
  }

  function request(req) {
    return new Promise(function (resolve) { req.onsuccess = function () { resolve(req.result); }; });
  }

  function all() {
    return run("readonly", function (store) { return request(store.getAll()); }).then(function (rows) {
      return (rows || []).sort(function (a, b) { return a.queued_at < b.queued_at ? -1 : 1; });
    }).catch(function () { return []; });
  }

  function put(record) { return run("readwrite", function (store) { store.put(record); }); }
  function remove(key) { return run("readwrite", function (store) { store.delete(key); }); }

  function readBytes(file) {
    if (file.arrayBuffer) { return file.arrayBuffer(); }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(file);
    });
  }

  /* What is wrong with a file before it is kept or sent ("" when nothing). */
  function problem(file) {
    if (TYPES.indexOf(file.type) === -1) { return msg("photo-type"); }
    if (file.size > MAX_BYTES) { return msg("photo-size"); }
    return "";
  }

  /* Keep a photo on the phone. Rejects with a translated message when the queue is full. */
  function add(file, info) {
    return all().then(function (rows) {
      if (rows.length >= MAX_PHOTOS) { throw new Error(msg("photo-full", MAX_PHOTOS)); }
      return readBytes(file);
    }).then(function (bytes) {
      var record = {
        key: info.key || newKey(), task_id: info.task_id, label: info.label || "",
        bytes: bytes, type: file.type, name: file.name || "photo.jpg", size: file.size,
        latitude: info.latitude || "", longitude: info.longitude || "",
        taken_at: info.taken_at || new Date().toISOString(), queued_at: new Date().toISOString(),
        state: "pending", reason: info.reason || ""
      };
      return put(record).then(function () { return record; }, function () {
        throw new Error(msg("photo-storage"));  // e.g. the browser's storage quota is used up
      });
    });
  }

  function blob(record) { return new Blob([record.bytes], { type: record.type }); }

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  /* Send one photo with its key. Answers {state, body, reason}: uploaded, pending (no signal or
     server trouble: try later), failed (refused: the reason says why) or conflict. */
  function send(record) {
    var data = new FormData();
    data.append("photo", record.bytes ? blob(record) : record.file, record.name);
    data.append("latitude", record.latitude || "");
    data.append("longitude", record.longitude || "");
    if (record.taken_at) { data.append("taken_at", record.taken_at); }
    var url = config.photos.replace("/0/", "/" + record.task_id + "/");
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Idempotency-Key": record.key }
    }).then(function (r) {
      var json = (r.headers.get("content-type") || "").indexOf("json") !== -1;
      if (!json) { return { state: "pending", reason: msg(r.redirected ? "photo-login" : "photo-server") }; }
      return r.json().then(function (body) {
        if (r.ok) { return { state: "uploaded", body: body }; }
        if (r.status >= 500) { return { state: "pending", reason: msg("photo-server") }; }
        var fields = body.fields || {};
        var reason = [].concat(fields.photo || [], fields.location || [], fields.taken_at || [], fields.key || []);
        return { state: r.status === 409 ? "conflict" : "failed", reason: reason.join(" ") || body.message || "" };
      });
    }, function () { return { state: "pending", reason: "" }; });
  }

  /* Upload every photo waiting on this phone, oldest first; each outcome is kept on its record. */
  function flush() {
    if (flushing) { return flushing; }
    flushing = all().then(function (rows) {
      var outcomes = [];
      var waiting = rows.filter(function (r) { return r.state === "pending"; });
      return waiting.reduce(function (chain, record) {
        return chain.then(function () {
          if (!navigator.onLine) { return; }
          return send(record).then(function (answer) {
            outcomes.push({ record: record, answer: answer });
            if (answer.state === "uploaded") { return remove(record.key); }
            record.state = answer.state;
            record.reason = answer.reason;
            return put(record);
          });
        });
      }, Promise.resolve()).then(function () { return outcomes; });
    }).catch(function () { return []; }).then(function (outcomes) {
      flushing = null;
      document.dispatchEvent(new CustomEvent("gm:photos", { detail: outcomes }));
      return outcomes;
    });
    return flushing;
  }

  /* A refused photo sent again (it may have been refused for a reason that has passed). */
  function retry(key) {
    return run("readwrite", function (store) {
      var req = store.get(key);
      req.onsuccess = function () {
        var record = req.result;
        if (record) { record.state = "pending"; record.reason = ""; store.put(record); }
      };
    }).then(flush);
  }

  window.gmPhotos = {
    add: add, all: all, remove: remove, retry: retry, flush: flush, send: send, problem: problem,
    blob: blob, newKey: newKey, msg: msg, MAX_PHOTOS: MAX_PHOTOS
  };
})();
