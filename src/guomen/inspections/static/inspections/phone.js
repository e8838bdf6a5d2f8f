/* Guomen phone app: service worker, today's pages saved for offline use, the offline result queue
   (localStorage, one idempotency key per result) and its sync with per-item outcomes. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gm-phone-config").textContent);
  var QUEUE_KEY = "gm-queue-" + config.user;
  var LOG_KEY = "gm-sync-log-" + config.user;
  var PAGE_CACHE = "gm-pages";
  var panel = document.getElementById("gm-sync");
  var syncing = false;

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
    if (!panel) { return; }
    var queue = read(QUEUE_KEY);
    var log = read(LOG_KEY);
    var box = panel.querySelector("[data-gm-queue]");
    box.classList.toggle("d-none", queue.length === 0);
    box.textContent = queue.map(function (q) { return q.label; }).join("、") + (queue.length ? "：" + msg("queued") : "");
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
    panel.classList.toggle("d-none", queue.length === 0 && log.length === 0);
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
        found_at: get("finding_found_at") || new Date().toISOString(),
        latitude: get("finding_latitude") || null, longitude: get("finding_longitude") || null
      };
      if (f.hazard_code || f.description || f.count || f.photo_ids.length) { findings.push(f); }
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
    note.textContent = msg("offline");
    form.replaceWith(note);
    render();
  }

  function sync() {
    var queue = read(QUEUE_KEY);
    if (syncing || !queue.length || !navigator.onLine) { return Promise.resolve(); }
    syncing = true;
    return fetch(config.sync, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ items: queue })
    }).then(function (r) {
      if (!r.ok) { throw new Error("sync " + r.status); }
      return r.json();
    }).then(function (answer) {
      var done = {};
      var log = read(LOG_KEY);
      answer.results.forEach(function (res) {
        done[res.key] = true;
        var item = queue.filter(function (q) { return q.key === res.key; })[0] || {};
        log.push({ key: res.key, status: res.status, message: res.message, label: item.label,
                   declaration_number: res.declaration_number });
      });
      write(QUEUE_KEY, read(QUEUE_KEY).filter(function (q) { return !done[q.key]; }));
      write(LOG_KEY, log.slice(-50));
      document.dispatchEvent(new CustomEvent("gm:synced", { detail: answer }));
      var page = document.getElementById("task-page");
      var here = page ? parseInt(page.getAttribute("data-task"), 10) : null;
      if (here && answer.results.some(function (res) { return res.task_id === here; })) {
        location.reload();  // the page shown was the copy saved offline: show the task as it is now
      }
    }).catch(function () { /* still no usable signal: keep the queue */ }).then(function () {
      syncing = false;
      render();
    });
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
    if (form.classList && form.classList.contains("gm-result-form") && !navigator.onLine) {
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
