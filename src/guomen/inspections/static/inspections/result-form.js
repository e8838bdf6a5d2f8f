/* Result form: dispositions allowed for the outcome, treatment / conditions fields shown when relevant,
   finding rows added offline from a template, photos uploaded as they are taken (kept on the phone when
   there is no signal, see photo-queue.js), optional location. */
(function () {
  "use strict";
  var NOT_FOR_CONFORMING = ["return", "destroy"];

  function showFor(form) {
    var select = form.querySelector('select[name="proposed_disposition"], select[name="disposition"]');
    var value = select ? select.value : "";
    form.querySelectorAll("[data-gm-show-for]").forEach(function (el) {
      el.classList.toggle("d-none", el.getAttribute("data-gm-show-for") !== value);
    });
  }

  function sync(form) {
    var checked = form.querySelector('input[name="outcome"]:checked');
    var conforming = checked && checked.value === "conforming";
    var select = form.querySelector('select[name="proposed_disposition"]');
    if (select) {
      Array.prototype.forEach.call(select.options, function (opt) {
        opt.disabled = conforming && NOT_FOR_CONFORMING.indexOf(opt.value) !== -1;
      });
      if (select.selectedOptions.length && select.selectedOptions[0].disabled) { select.value = ""; }
    }
    var findings = form.querySelector("[data-gm-findings]");
    if (findings) { findings.classList.toggle("border-start", !!(checked && !conforming)); }
    showFor(form);
  }

  function syncAll() {
    document.querySelectorAll(".gm-result-form").forEach(sync);
    document.querySelectorAll('[data-testid="decision-form"]').forEach(showFor);
  }

  function addFinding(form, hazard) {
    var template = form.querySelector("template[data-gm-finding-template]");
    var list = form.querySelector("[data-gm-findings] > div[id^=findings-]");
    if (!template || !list) { return null; }
    var row = template.content.firstElementChild.cloneNode(true);
    if (hazard) { row.querySelector('select[name="finding_hazard"]').value = hazard; }
    list.appendChild(row);
    return row;
  }

  function emptyRow(form) {
    return Array.prototype.filter.call(form.querySelectorAll("[data-gm-findings] .gm-finding"), function (row) {
      return !row.closest("template") && !row.querySelector('select[name="finding_hazard"]').value &&
        !row.querySelector('input[name="finding_description"]').value;
    })[0];
  }

  function showThumb(row, src, kept) {
    var wrap = document.createElement("span");
    wrap.className = "gm-thumb-wrap";
    var img = document.createElement("img");
    img.src = src;
    img.className = "gm-thumb";
    img.alt = "";
    img.setAttribute("data-testid", kept ? "finding-thumb-kept" : "finding-thumb");
    wrap.appendChild(img);
    if (kept) {
      var badge = document.createElement("span");
      badge.className = "gm-thumb-badge";
      badge.textContent = window.gmPhotos.msg("photo-waiting");
      wrap.appendChild(badge);
    }
    row.querySelector("[data-gm-thumbs]").appendChild(wrap);
  }

  /* No signal (or the upload did not get through): the photo is kept on the phone with its key and
     named by that key in the finding; it is uploaded before the result is sent. */
  function keepOnPhone(row, file, info, status) {
    return window.gmPhotos.add(file, info).then(function (record) {
      var keys = row.querySelector("[data-gm-photo-keys]");
      keys.value = keys.value ? keys.value + "," + record.key : record.key;
      showThumb(row, URL.createObjectURL(file), true);
      status.textContent = window.gmPhotos.msg("photo-kept");
      document.dispatchEvent(new CustomEvent("gm:photos", { detail: [] }));
    }, function (e) { status.textContent = e.message; });
  }

  function uploadPhoto(input) {
    var row = input.closest(".gm-finding");
    var page = document.getElementById("task-page");
    var status = row.querySelector("[data-gm-photo-status]");
    var file = input.files && input.files[0];
    input.value = "";
    if (!file || !page || !window.gmPhotos) { return; }
    var problem = window.gmPhotos.problem(file);
    if (problem) { status.textContent = problem; return; }
    if (!row.querySelector("[data-gm-found-at]").value) {
      row.querySelector("[data-gm-found-at]").value = new Date().toISOString();
    }
    var number = document.querySelector('[data-testid="declaration-number"]');
    var info = {
      key: window.gmPhotos.newKey(), task_id: parseInt(page.getAttribute("data-task"), 10),
      label: number ? number.textContent.trim() : "", file: file, name: file.name,
      latitude: row.querySelector("[data-gm-lat]").value, longitude: row.querySelector("[data-gm-lon]").value,
      taken_at: new Date().toISOString()
    };
    if (!navigator.onLine) { keepOnPhone(row, file, info, status); return; }
    status.textContent = "…";
    window.gmPhotos.send(info).then(function (answer) {
      if (answer.state === "uploaded") {
        var ids = row.querySelector("[data-gm-photo-ids]");
        ids.value = ids.value ? ids.value + "," + answer.body.id : String(answer.body.id);
        showThumb(row, answer.body.url, false);
        status.textContent = "";
      } else if (answer.state === "pending") {
        keepOnPhone(row, file, info, status);  // sent again later with the same key: stored once
      } else {
        status.textContent = answer.reason;  // refused: wrong type, too large, task closed meanwhile
      }
    });
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    var form = t.closest && t.closest("form");
    if (!form) { return; }
    if (t.name === "outcome" || t.name === "proposed_disposition" || t.name === "disposition") { sync(form); showFor(form); }
    if (t.hasAttribute("data-gm-photo")) { uploadPhoto(t); }
    if (t.name && t.name.indexOf("check_") === 0 && t.type === "radio") {
      var item = t.closest("[data-testid=check-item]");
      item.classList.toggle("gm-check-bad", t.value === "non_conform");
      var hazard = item.getAttribute("data-hazard");
      if (t.value === "non_conform" && hazard &&
          !form.querySelector('select[name="finding_hazard"] option[value="' + hazard + '"]:checked')) {
        var row = emptyRow(form) || addFinding(form, null);
        if (row) { row.querySelector('select[name="finding_hazard"]').value = hazard; }
      }
    }
  });
  document.addEventListener("click", function (e) {
    var remove = e.target.closest("[data-gm-remove-finding]");
    if (remove) { remove.closest(".gm-finding").remove(); return; }
    var add = e.target.closest("[data-gm-add-finding]");
    if (add) { addFinding(add.closest("form"), null); return; }
    var locate = e.target.closest("[data-gm-locate]");
    if (locate && navigator.geolocation) {
      var row = locate.closest(".gm-finding");
      navigator.geolocation.getCurrentPosition(function (pos) {
        row.querySelector("[data-gm-lat]").value = pos.coords.latitude.toFixed(6);
        row.querySelector("[data-gm-lon]").value = pos.coords.longitude.toFixed(6);
        locate.textContent = locate.getAttribute("data-msg-done");
      }, function () {}, { enableHighAccuracy: true, timeout: 10000 });
    }
  });
  document.addEventListener("DOMContentLoaded", syncAll);
  document.addEventListener("htmx:afterSwap", syncAll);
})();
