/* Result form: a conforming consignment may only be released or treated; findings rows can be removed. */
(function () {
  "use strict";
  var NOT_FOR_CONFORMING = ["return", "destroy"];

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
  }

  function syncAll(root) {
    (root || document).querySelectorAll(".gm-result-form").forEach(sync);
  }

  document.addEventListener("change", function (e) {
    if (e.target.name === "outcome") { sync(e.target.closest("form")); }
  });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-gm-remove-finding]");
    if (btn) { btn.closest(".gm-finding").remove(); }
  });
  document.addEventListener("DOMContentLoaded", function () { syncAll(); });
  document.addEventListener("htmx:afterSwap", function () { syncAll(); });
})();
