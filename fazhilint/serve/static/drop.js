// Optional: drop files on the box, and show the names chosen. The form works without this script.
(function () {
  var drop = document.getElementById("drop"), input = document.getElementById("files"), chosen = document.getElementById("chosen");
  if (!drop || !input) return;
  function show() {
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    chosen.textContent = names.length ? "已选择：" + names.join("、") : "";
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
  var title = drop.querySelector(".drop-title");
  if (title) title.textContent = "把报告拖到这里，或点此选择文件";
})();
