// Drag and drop onto the upload form. Without JavaScript the plain file
// button works the same way: this only fills it in and sends the form.
// While reports are being made, ask every two seconds whether the build is
// done and then reload, but never while a file is chosen and not yet sent.
(function () {
  if (!document.body.dataset.bauend) { return; }
  var timer = setInterval(function () {
    fetch('/status', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (s) {
      var chosen = document.querySelector('#ablage input[type=file]');
      if (!s.bauend && !(chosen && chosen.files.length)) { clearInterval(timer); location.reload(); }
    }).catch(function () {});
  }, 2000);
})();

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
