// Drag and drop on top of the plain file input: the form works without
// this script; with it, files dropped on the zone fill the input.
(function () {
  var zone = document.getElementById("drop");
  var input = document.getElementById("files");
  if (!zone || !input || !window.DataTransfer) { return; }
  var hint = zone.querySelector(".js-only");
  if (hint) { hint.hidden = false; }
  ["dragenter", "dragover"].forEach(function (t) {
    zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
  });
})();
