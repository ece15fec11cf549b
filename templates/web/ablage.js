// Drag and drop onto the upload form. Without JavaScript the plain file
// button works the same way: this only fills it in and sends the form.
(function () {
  var form = document.getElementById('ablage');
  if (!form) { return; }
  var input = form.querySelector('input[type=file]');
  ['dragenter', 'dragover'].forEach(function (name) {
    form.addEventListener(name, function (event) { event.preventDefault(); form.classList.add('ziehen'); });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    form.addEventListener(name, function () { form.classList.remove('ziehen'); });
  });
  form.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length === 1) {
      input.files = event.dataTransfer.files;
      form.submit();
    }
  });
})();
