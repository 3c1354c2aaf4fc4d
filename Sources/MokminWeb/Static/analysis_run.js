// Mokmin living-population run page: the hour slider fetches the server-rendered map of that hour and swaps it in.
// A file of its own (not inline) so that the Content-Security-Policy can forbid inline scripts everywhere.
(function () {
  'use strict';
  var slider = document.getElementById('hour-slider'), label = document.getElementById('hour-label'), map = document.getElementById('lp-map');
  if (!slider || !label || !map || !window.fetch) return;
  var pending = null;
  function show(v) { label.textContent = v == 24 ? '24 (하루 평균)' : (v < 10 ? '0' : '') + v + ':00'; }
  show(slider.value);
  slider.addEventListener('input', function () {
    show(slider.value);
    clearTimeout(pending);
    pending = setTimeout(function () {
      fetch(slider.dataset.map + '?hour=' + encodeURIComponent(slider.value), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (svg) { if (svg) map.innerHTML = svg; });
    }, 120);
  });
})();
