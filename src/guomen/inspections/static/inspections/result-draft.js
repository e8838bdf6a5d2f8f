/* Result draft: what the inspector has entered on a task's result form (outcome, checklist, notes, findings,
   proposed disposition) is kept on the phone as it is typed, so going to 抽样登记 (or anywhere else) and
   back, or reloading, loses nothing. The draft is dropped once the result is sent (online or queued). */
(function () {
  "use strict";
  var MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  var SKIP = { csrfmiddlewaretoken: true, expected_version: true, check_code: true };

  function page() { return document.getElementById("task-page"); }
  function user() {
    var el = document.getElementById("gm-phone-config");
    try { return JSON.parse(el.textContent).user || "anon"; } catch (e) { return "anon"; }
  }
  function key() {
    var p = page();
    return p ? "gm-draft-" + user() + "-" + p.getAttribute("data-task") : null;
  }
  function form() { var p = page(); return p ? p.querySelector(".gm-result-form") : null; }
  function findingRows(f) { return Array.prototype.slice.call(f.querySelectorAll("[data-gm-findings] .gm-finding")); }

  function serialize(f) {
    var fields = {};
    Array.prototype.forEach.call(f.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.closest(".gm-finding") || el.type === "file" || el.type === "submit") { return; }
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) { fields[el.name] = el.value; } return; }
      if (el.type === "hidden") { return; }
      fields[el.name] = el.value;
    });
    var findings = findingRows(f).map(function (row) {
      var values = {};
      row.querySelectorAll("[name]").forEach(function (el) { if (el.type !== "file") { values[el.name] = el.value; } });
      return values;
    });
    return { at: Date.now(), fields: fields, findings: findings };
  }

  function save() {
    var f = form();
    var k = key();
    if (!f || !k) { return; }
    try { localStorage.setItem(k, JSON.stringify(serialize(f))); } catch (e) { /* full: the form still works */ }
  }

  function load() {
    var k = key();
    if (!k) { return null; }
    try {
      var draft = JSON.parse(localStorage.getItem(k) || "null");
      if (draft && Date.now() - draft.at < MAX_AGE_MS) { return draft; }
    } catch (e) { /* unreadable: ignore */ }
    if (k) { localStorage.removeItem(k); }
    return null;
  }

  function drop() { var k = key(); if (k) { localStorage.removeItem(k); } }

  function setField(f, name, value) {
    var els = f.querySelectorAll('[name="' + name + '"]');
    Array.prototype.forEach.call(els, function (el) {
      if (el.closest(".gm-finding")) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = el.value === value;
        var item = el.closest("[data-testid=check-item]");
        if (item && el.checked) { item.classList.toggle("gm-check-bad", value === "non_conform"); }
      } else if (el.type !== "hidden") {
        el.value = value;
      }
    });
  }

  function restore(f, draft) {
    var add = f.querySelector("[data-gm-add-finding]");
    while (add && findingRows(f).length < draft.findings.length) { add.click(); }
    findingRows(f).forEach(function (row, i) {
      var values = draft.findings[i];
      if (!values) { return; }
      Object.keys(values).forEach(function (name) {
        var el = row.querySelector('[name="' + name + '"]');
        if (el) { el.value = values[name]; }
      });
    });
    Object.keys(draft.fields).forEach(function (name) { setField(f, name, draft.fields[name]); });
    ["outcome", "proposed_disposition"].forEach(function (name) {  // dispositions and fields follow the outcome
      var el = f.querySelector('[name="' + name + '"]:checked') || f.querySelector('select[name="' + name + '"]');
      if (el) { el.dispatchEvent(new Event("change", { bubbles: true })); }
    });
    var note = document.createElement("div");
    note.className = "alert alert-info d-flex justify-content-between align-items-center gap-2 p-2";
    note.setAttribute("data-testid", "draft-restored");
    note.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = f.getAttribute("data-msg-draft-restored");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary text-nowrap";
    discard.textContent = f.getAttribute("data-msg-draft-discard");
    discard.addEventListener("click", function () { drop(); window.location.reload(); });
    note.appendChild(text);
    note.appendChild(discard);
    f.insertBefore(note, f.firstChild);
  }

  function start() {
    var f = form();
    if (!f) { if (page()) { drop(); } return; }  // no form any more: the result was recorded
    if (f.querySelector(".invalid-feedback, .alert-danger")) { return; }  // the server shows what was posted
    var draft = load();
    if (draft) { restore(f, draft); }
  }

  function inForm(e) { return e.target && e.target.closest && e.target.closest(".gm-result-form"); }
  document.addEventListener("input", function (e) { if (inForm(e)) { save(); } });
  document.addEventListener("change", function (e) { if (inForm(e)) { save(); } });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-gm-remove-finding], [data-gm-add-finding]")) { setTimeout(save, 0); }
  });
  // Sent (or queued without signal by phone.js, whose listener runs after this one): the draft has served.
  document.addEventListener("submit", function (e) { if (inForm(e)) { drop(); } }, true);
  window.addEventListener("pagehide", save);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
