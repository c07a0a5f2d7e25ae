// Check-in at the door: read QR codes with the phone camera (getUserMedia + vendor jsQR) and post
// each code to the server, which decides. Without a camera or JavaScript the form still works.
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  var form = document.getElementById("code-form");
  if (!root || !form) return;
  var video = root.querySelector("[data-video]");
  var start = root.querySelector("[data-start]");
  var stop = root.querySelector("[data-stop]");
  var result = root.querySelector("[data-result]");
  var count = document.querySelector("[data-checkin-count]");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;
  var busy = false;
  var last = { code: "", at: 0 };
  var REPEAT_MS = 4000; // the same code in view keeps being read: post it once per few seconds

  function show(message, ok) {
    result.textContent = message;
    result.className = "utrecht-paragraph scan-result utrecht-alert " +
      (ok ? "utrecht-alert--success" : "utrecht-alert--error");
    if (navigator.vibrate) navigator.vibrate(ok ? 80 : [60, 60, 60]);
  }

  function showCount(data) {
    if (!count || data.inside === undefined) return;
    count.textContent = root.dataset.countText
      .replace("%(inside)s", data.inside).replace("%(expected)s", data.expected);
  }

  function post(code) {
    var now = Date.now();
    if (!code || busy || (code === last.code && now - last.at < REPEAT_MS)) return;
    busy = true;
    last = { code: code, at: now };
    var body = new FormData(form);
    body.set("code", code);
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) { show(data.message, data.ok); showCount(data); })
      .catch(function () { show(root.dataset.network, false); })
      .then(function () { busy = false; });
  }

  function scan() {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, {
        inversionAttempts: "dontInvert",
      });
      if (found && found.data) post(found.data.trim());
    }
    window.requestAnimationFrame(scan);
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
      show(root.dataset.noCamera, false);
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        return video.play();
      })
      .then(function () { window.requestAnimationFrame(scan); })
      .catch(function () { stopCamera(); show(root.dataset.denied, false); });
  });
  stop.addEventListener("click", stopCamera);

  // A typed code goes the same way, so the camera keeps running.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    last = { code: "", at: 0 };
    post(form.elements.code.value.trim());
    form.elements.code.value = "";
  });
})();
