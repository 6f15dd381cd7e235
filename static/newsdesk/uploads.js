// Drag and drop for the upload form: dropped files join those chosen in the file input, so the
// form posts them like any others. Without JavaScript the file input alone does the job.
(function () {
  "use strict";

  var zone = document.querySelector("[data-dropzone]");
  var input = document.getElementById("id_files");
  var list = document.getElementById("chosen-files");
  if (!zone || !input || !list) return;

  function showChosen() {
    list.replaceChildren();
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name;
      list.appendChild(item);
    });
  }

  function over(event) {
    event.preventDefault();
    zone.classList.add("dropzone--over");
  }

  function leave() {
    zone.classList.remove("dropzone--over");
  }

  zone.addEventListener("dragenter", over);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", leave);
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    leave();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    var chosen = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (file) { chosen.items.add(file); });
    Array.prototype.forEach.call(event.dataTransfer.files, function (file) { chosen.items.add(file); });
    input.files = chosen.files;
    showChosen();
  });
  input.addEventListener("change", showChosen);
})();
