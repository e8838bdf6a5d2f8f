// Small page behaviours that would otherwise be inline script (the Content-Security-Policy forbids that).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var back = e.target.closest("[data-gm-back]");
    if (back && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches("select[data-gm-autosubmit]") && e.target.form) {
      e.target.form.submit();
    }
  });
})();
