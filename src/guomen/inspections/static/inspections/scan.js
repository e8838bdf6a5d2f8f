/* Scan page: the browser's BarcodeDetector where it exists, the vendored html5-qrcode otherwise.
   A decoded code is submitted like a typed one. */
(function () {
  "use strict";
  var box = document.querySelector("[data-gm-scanner]");
  var form = document.querySelector("[data-gm-scan-form]");
  if (!box || !form) { return; }
  var status = box.querySelector("[data-gm-scan-status]");
  var reader = document.getElementById("gm-reader");
  var done = false;

  function found(code) {
    if (done || !code) { return; }
    done = true;
    form.querySelector("input[name=code]").value = code.trim();
    form.submit();
  }

  function withDetector() {
    var video = reader.querySelector("video");
    return BarcodeDetector.getSupportedFormats().then(function (formats) {
      var detector = new BarcodeDetector({ formats: formats });
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        return video.play().then(function () {
          (function tick() {
            if (done) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
            detector.detect(video).then(function (codes) {
              if (codes.length) { found(codes[0].rawValue); }
            }).catch(function () {}).then(function () { setTimeout(tick, 200); });
          })();
        });
      });
    });
  }

  function withVendored() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = box.getAttribute("data-vendor");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      reader.querySelector("video").remove();
      var scanner = new window.Html5Qrcode("gm-reader");
      return scanner.start({ facingMode: "environment" }, { fps: 10, qrbox: 240 }, function (text) {
        scanner.stop().catch(function () {});
        found(text);
      });
    });
  }

  box.querySelector("[data-gm-camera]").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = box.getAttribute("data-msg-nocamera");
      return;
    }
    reader.classList.remove("d-none");
    status.textContent = box.getAttribute("data-msg-looking");
    var start = "BarcodeDetector" in window ? withDetector() : withVendored();
    start.catch(function () {
      reader.classList.add("d-none");
      status.textContent = box.getAttribute("data-msg-nocamera");
    });
  });
})();
