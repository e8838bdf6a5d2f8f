/* Guomen phone app: service worker, today's pages saved for offline use, the offline result queue
   (localStorage, one idempotency key per result) and its sync with per-item outcomes. Photos kept on
   the phone (photo-queue.js, IndexedDB) are uploaded first; a result waits while one of its photos
   is still waiting or was refused. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gm-phone-config").textContent);
  var QUEUE_KEY = "gm-queue-" + config.user;
  var LOG_KEY = "gm-sync-log-" + config.user;
  var PAGE_CACHE = "gm-pages";
  var panel = document.getElementById("gm-sync");
  var running = null;

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function write(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
  function msg(name) { return panel ? panel.getAttribute("data-msg-" + name) : name; }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function csrf() {
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function render() {
    if (!panel) { return Promise.resolve(); }
    var queue = read(QUEUE_KEY);
    var log = read(LOG_KEY);
    var box = panel.querySelector("[data-gm-queue]");
    box.classList.toggle("d-none", queue.length === 0);
    var queuedText = queue.map(function (q) { return q.label; }).join("、") + (queue.length ? "：" + msg("queued") : "");
    box.textContent = queuedText;
    var outcomes = panel.querySelector("[data-gm-outcomes]");
    outcomes.innerHTML = "";
    log.forEach(function (entry, i) {
      var ok = entry.status === "recorded";
      var div = document.createElement("div");
      div.className = "alert p-2 mb-2 d-flex justify-content-between align-items-start gap-2 " +
        (ok ? "alert-success" : "alert-danger");
      div.setAttribute("data-testid", "sync-outcome");
      div.setAttribute("data-status", entry.status);
      var text = document.createElement("div");
      var head = document.createElement("strong");
      head.textContent = (ok ? msg("recorded") : entry.status === "conflict" ? msg("conflict") : msg("error")) +
        " · " + (entry.declaration_number || entry.label || "");
      text.appendChild(head);
      text.appendChild(document.createElement("br"));
      text.appendChild(document.createTextNode(entry.message || ""));
      var close = document.createElement("button");
      close.type = "button";
      close.className = "btn btn-sm btn-outline-secondary";
      close.textContent = msg("dismiss");
      close.addEventListener("click", function () {
        var current = read(LOG_KEY);
        current.splice(i, 1);
        write(LOG_KEY, current);
        render();
      });
      div.appendChild(text);
      div.appendChild(close);
      outcomes.appendChild(div);
    });
    return renderPhotos().then(function (photos) {
      var refused = {};
      photos.forEach(function (p) { if (p.state === "failed") { refused[p.key] = true; } });
      var waiting = queue.filter(function (q) { return photoKeys(q).some(function (k) { return refused[k]; }); });
      var free = queue.filter(function (q) { return waiting.indexOf(q) === -1; });
      var labels = function (items) { return items.map(function (q) { return q.label; }).join("、"); };
      box.textContent = [free.length ? labels(free) + "：" + msg("queued") : "",
        waiting.length ? labels(waiting) + "：" + msg("result-waiting-photos") : ""].filter(Boolean).join("；");
      panel.classList.toggle("d-none", queue.length === 0 && log.length === 0 && photos.length === 0);
    });
  }

  var thumbUrls = [];
  function thumb(record) {
    var img = document.createElement("img");
    var url = URL.createObjectURL(window.gmPhotos.blob(record));
    thumbUrls.push(url);
    img.onerror = function () {  // not a picture the phone can show: a grey square in its place
      var blank = document.createElement("span");
      blank.className = "gm-thumb gm-thumb-broken d-inline-block flex-shrink-0";
      if (img.parentNode) { img.parentNode.replaceChild(blank, img); }
    };
    img.src = url;
    img.alt = "";
    img.className = "gm-thumb";
    return img;
  }

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-secondary";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  /* A refused photo given up, or a conflict read: off the phone, and out of the results that named it. */
  function discard(record) {
    if (record.state === "failed" && !window.confirm(msg("photo-discard-confirm"))) { return; }
    window.gmPhotos.remove(record.key).then(function () {
      write(QUEUE_KEY, read(QUEUE_KEY).map(function (q) {
        (q.findings || []).forEach(function (f) {
          f.photo_keys = (f.photo_keys || []).filter(function (k) { return k !== record.key; });
        });
        return q;
      }));
      render();
      sync();
    });
  }

  function photoEntry(record) {
    if (record.state === "pending") {
      var fig = document.createElement("figure");
      fig.className = "gm-qphoto mb-0";
      fig.setAttribute("data-testid", "queued-photo");
      fig.setAttribute("data-state", record.state);
      fig.appendChild(thumb(record));
      var cap = document.createElement("figcaption");
      cap.className = "small";
      cap.textContent = msg("photo-waiting");
      fig.appendChild(cap);
      if (record.label) {
        var label = document.createElement("div");
        label.className = "small text-muted font-monospace text-truncate";
        label.textContent = record.label;
        fig.appendChild(label);
      }
      return fig;
    }
    var div = document.createElement("div");
    div.className = "alert alert-danger p-2 mb-0 w-100 d-flex gap-2 align-items-start";
    div.setAttribute("data-testid", "queued-photo");
    div.setAttribute("data-state", record.state);
    div.appendChild(thumb(record));
    var text = document.createElement("div");
    text.className = "flex-grow-1";
    var head = document.createElement("strong");
    head.textContent = msg(record.state === "conflict" ? "photo-conflict" : "photo-failed") + " · " + (record.label || "");
    text.appendChild(head);
    var reason = document.createElement("div");
    reason.className = "small";
    reason.setAttribute("data-testid", "queued-photo-reason");
    reason.textContent = record.reason || "";
    text.appendChild(reason);
    var actions = document.createElement("div");
    actions.className = "d-flex gap-2 mt-1";
    if (record.state === "failed") {
      actions.appendChild(button(msg("photo-retry"), function () { window.gmPhotos.retry(record.key).then(sync); }));
    }
    actions.appendChild(button(msg(record.state === "conflict" ? "dismiss" : "photo-discard"), function () { discard(record); }));
    text.appendChild(actions);
    div.appendChild(text);
    return div;
  }

  function renderPhotos() {
    var box = panel.querySelector("[data-gm-photos]");
    if (!box || !window.gmPhotos) { return Promise.resolve([]); }
    return window.gmPhotos.all().then(function (photos) {
      thumbUrls.forEach(function (u) { URL.revokeObjectURL(u); });
      thumbUrls = [];
      box.innerHTML = "";
      var waiting = photos.filter(function (p) { return p.state !== "conflict"; }).length;
      if (waiting) {
        var count = document.createElement("div");
        count.className = "fw-semibold mb-1";
        count.setAttribute("data-testid", "photo-queue-count");
        count.textContent = msg("photo-count").replace("%(n)s", String(waiting));
        box.appendChild(count);
        if (photos.length >= window.gmPhotos.MAX_PHOTOS) {
          var full = document.createElement("div");
          full.className = "small text-danger mb-1";
          full.textContent = msg("photo-full").replace("%(n)s", String(window.gmPhotos.MAX_PHOTOS));
          box.appendChild(full);
        }
      }
      var reasons = {};
      photos.forEach(function (p) { if (p.state === "pending" && p.reason) { reasons[p.reason] = true; } });
      Object.keys(reasons).forEach(function (reason) {  // e.g. signed out, or the server was busy
        var line = document.createElement("div");
        line.className = "small text-danger mb-1";
        line.setAttribute("data-testid", "photo-queue-reason");
        line.textContent = reason;
        box.appendChild(line);
      });
      var list = document.createElement("div");
      list.className = "d-flex flex-wrap gap-2";
      photos.forEach(function (p) { list.appendChild(photoEntry(p)); });
      box.appendChild(list);
      box.classList.toggle("d-none", photos.length === 0);
      return photos;
    });
  }

  function photoKeys(item) {
    return [].concat.apply([], (item.findings || []).map(function (f) { return f.photo_keys || []; }));
  }

  /* Photo keys a result must wait for: photos still on the phone, not yet uploaded or refused. */
  function blockedKeys(photos) {
    var blocked = {};
    photos.forEach(function (p) { if (p.state === "pending" || p.state === "failed") { blocked[p.key] = true; } });
    return blocked;
  }

  function itemFromForm(form) {
    var data = new FormData(form);
    var page = document.getElementById("task-page");
    var findings = [];
    form.querySelectorAll(".gm-finding").forEach(function (row) {
      if (row.closest("template")) { return; }
      var get = function (name) { var el = row.querySelector('[name="' + name + '"]'); return el ? el.value.trim() : ""; };
      var f = {
        hazard_code: get("finding_hazard") || null, description: get("finding_description"),
        count: get("finding_count") ? parseInt(get("finding_count"), 10) : null,
        photo_ids: get("finding_photo_ids") ? get("finding_photo_ids").split(",") : [],
        photo_keys: get("finding_photo_keys") ? get("finding_photo_keys").split(",") : [],
        found_at: get("finding_found_at") || new Date().toISOString(),
        latitude: get("finding_latitude") || null, longitude: get("finding_longitude") || null
      };
      if (f.hazard_code || f.description || f.count || f.photo_ids.length || f.photo_keys.length) { findings.push(f); }
    });
    var checklist = data.getAll("check_code").map(function (code) {
      return { code: code, result: data.get("check_" + code) || "", note: data.get("check_note_" + code) || "" };
    });
    var number = document.querySelector('[data-testid="declaration-number"]');
    return {
      key: newKey(), task_id: parseInt(page.getAttribute("data-task"), 10),
      outcome: data.get("outcome") || "", notes: data.get("notes") || "",
      proposed_disposition: data.get("proposed_disposition") || "",
      treatment_kind: data.get("treatment_kind") || "", conditions: data.get("conditions") || "",
      findings: findings, checklist: checklist, queued_at: new Date().toISOString(),
      label: number ? number.textContent.trim() : ""
    };
  }

  function queueForm(form) {
    var queue = read(QUEUE_KEY);
    queue.push(itemFromForm(form));
    write(QUEUE_KEY, queue);
    var note = document.createElement("div");
    note.className = "alert alert-warning";
    note.setAttribute("data-testid", "queued-offline");
    note.textContent = msg(navigator.onLine ? "queued-photos" : "offline");
    form.replaceWith(note);
    render();
    sync();
  }

  function hasKeptPhotos(form) {
    return Array.prototype.some.call(form.querySelectorAll("[data-gm-photo-keys]"), function (input) {
      return !input.closest("template") && input.value.trim() !== "";
    });
  }

  function sendResults(photos, again) {
    var blocked = blockedKeys(photos);
    var queue = read(QUEUE_KEY).filter(function (q) {
      return !photoKeys(q).some(function (k) { return blocked[k]; });
    });
    if (!queue.length) { return Promise.resolve(); }
    return fetch(config.sync, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ items: queue })
    }).then(function (r) {
      if (!r.ok) { throw new Error("sync " + r.status); }
      return r.json();
    }).then(function (answer) {
      var done = {};
      var lost = {};
      var log = read(LOG_KEY);
      answer.results.forEach(function (res) {
        if (res.status === "photos_missing") { lost[res.key] = true; return; }  // nothing recorded: stays queued
        done[res.key] = true;
        var item = queue.filter(function (q) { return q.key === res.key; })[0] || {};
        log.push({ key: res.key, status: res.status, message: res.message, label: item.label,
                   declaration_number: res.declaration_number });
      });
      var onPhone = {};
      photos.forEach(function (p) { onPhone[p.key] = true; });
      write(QUEUE_KEY, read(QUEUE_KEY).filter(function (q) { return !done[q.key]; }).map(function (q) {
        // a photo the server never got and this phone no longer has (its storage was cleared): send without it
        if (lost[q.key]) {
          (q.findings || []).forEach(function (f) {
            f.photo_keys = (f.photo_keys || []).filter(function (k) { return onPhone[k]; });
          });
        }
        return q;
      }));
      write(LOG_KEY, log.slice(-50));
      document.dispatchEvent(new CustomEvent("gm:synced", { detail: answer }));
      var page = document.getElementById("task-page");
      var here = page ? parseInt(page.getAttribute("data-task"), 10) : null;
      if (here && answer.results.some(function (res) { return res.task_id === here && done[res.key]; })) {
        location.reload();  // the page shown was the copy saved offline: show the task as it is now
      } else if (!again && Object.keys(lost).length) {
        return sendResults(photos, true);
      }
    });
  }

  /* Photos first (each once, by its key), then the results whose photos have all arrived. */
  function sync() {
    if (running) { return running; }  // one sync at a time; a second call waits for the first
    if (!navigator.onLine) { return Promise.resolve(); }
    var photos = window.gmPhotos ? window.gmPhotos.flush().then(window.gmPhotos.all) : Promise.resolve([]);
    running = photos.then(function (rows) { return sendResults(rows, false); }).catch(function () { /* still no usable signal: keep the queue */ })
      .then(function () {
        running = null;
        return render();
      });
    return running;
  }

  function prefetchToday() {
    var list = document.querySelector("[data-gm-prefetch]");
    if (!list || !("caches" in window) || !navigator.onLine) { return; }
    var urls = Array.prototype.map.call(list.querySelectorAll("a[data-testid=task-card]"), function (a) { return a.href; });
    var status = document.querySelector("[data-gm-cache-status]");
    caches.open(PAGE_CACHE).then(function (cache) {
      return Promise.all([location.href].concat(urls).map(function (u) {
        return fetch(u, { credentials: "same-origin" }).then(function (r) { if (r.ok) { return cache.put(u, r); } })
          .catch(function () {});
      }));
    }).then(function () {
      if (status) { status.textContent = status.getAttribute("data-msg").replace("%(n)s", urls.length); }
      document.documentElement.setAttribute("data-gm-cached", String(urls.length));
    });
  }

  // A result form submitted without signal is queued instead of being sent.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.classList && form.classList.contains("gm-result-form") && (!navigator.onLine || hasKeptPhotos(form))) {
      e.preventDefault();
      e.stopImmediatePropagation();
      queueForm(form);
    }
  }, true);
  document.addEventListener("htmx:sendError", function (e) {
    var form = e.detail.elt && e.detail.elt.closest && e.detail.elt.closest(".gm-result-form");
    if (form) { queueForm(form); }
  });
  window.addEventListener("online", sync);
  document.addEventListener("gm:photos", function () { if (!running) { render(); } });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.sw).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      document.documentElement.setAttribute("data-gm-sw", "ready");
      prefetchToday();
    }).catch(function () { prefetchToday(); });
  } else {
    prefetchToday();
  }
  render();
  sync();
  window.gmSync = sync;
})();
