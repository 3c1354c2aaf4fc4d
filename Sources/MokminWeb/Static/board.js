// Mokmin city status board: keeps /board and /board/wall live without reloading the page.
//
// The server renders every panel; this script only asks it for a panel's fresh HTML when the live
// stream (Server-Sent Events) says something that panel shows has changed. It also ticks the clock,
// ages the "updated … ago" labels, shows the connection state and, on a wall display, rotates pages.
// Plain JavaScript, no libraries, no build step; it must run for days with flat memory, so every
// timer is created once, listeners are attached once, and per-panel state is fixed at start-up.
(function () {
  'use strict';

  // Errors an end-to-end test reads (it expects none). Capped so a looping fault cannot grow it for days.
  var errors = (window.__mokminErrors = []);
  function recordError(message) {
    if (errors.length >= 50) errors.shift();
    errors.push(String(message));
  }
  window.addEventListener('error', function (e) {
    recordError((e && e.message) || 'error');
  });
  window.addEventListener('unhandledrejection', function (e) {
    var reason = e && e.reason;
    recordError('unhandled rejection: ' + ((reason && reason.message) || reason));
  });

  var board = document.getElementById('board');
  if (!board) return;

  var DEBOUNCE_MS = 400;
  var FETCH_TIMEOUT_MS = 20000;
  var RETRY_MIN_MS = 2000;
  var RETRY_MAX_MS = 30000;
  var TEXT = {
    ko: {
      connecting: '연결 중…', live: '실시간 · 연결됨', reconnecting: '재연결 중…', 'signed-out': '로그인 필요',
      justNow: '방금 갱신',
      minutes: function (n) { return n + '분 전 갱신'; },
      hours: function (n) { return n + '시간 전 갱신'; }
    },
    en: {
      connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', 'signed-out': 'Signed out',
      justNow: 'updated just now',
      minutes: function (n) { return 'updated ' + n + ' min ago'; },
      hours: function (n) { return 'updated ' + n + (n === 1 ? ' hour ago' : ' hours ago'); }
    }
  };

  var state = {
    mode: board.dataset.mode === 'wall' ? 'wall' : 'board',
    lang: board.dataset.lang === 'en' ? 'en' : 'ko',
    connection: 'connecting',
    lastEventId: board.dataset.lastEventId || '',
    signedOut: false,
    page: 0,
    events: 0, // stream events received (resets included); a number, not a log
    refreshes: 0 // panel fetches that completed; a number, not a log
  };
  var text = TEXT[state.lang];

  // ---- Panels: debounced, one fetch in flight each, replaced only when the HTML changed ----

  // One entry per panel, built once; the <section> elements stay, only their contents are replaced.
  var panels = [];
  Array.prototype.forEach.call(board.querySelectorAll('section.panel[data-panel]'), function (el) {
    panels.push({
      el: el,
      name: el.getAttribute('data-panel'),
      topics: (el.getAttribute('data-topics') || '').split(/\s+/).filter(Boolean),
      timer: 0,
      busy: false,
      again: false,
      html: null
    });
  });

  // Events within DEBOUNCE_MS of the first one share its fetch; the timer is not pushed back by each new
  // event, so a steady stream of events still refreshes the panel every DEBOUNCE_MS or so.
  function schedule(p) {
    if (state.signedOut) return;
    if (p.busy) { p.again = true; return; }
    if (p.timer) return;
    p.timer = setTimeout(function () { fetchPanel(p); }, DEBOUNCE_MS);
  }

  function refreshAll() {
    panels.forEach(schedule);
  }

  function panelURL(p) {
    return '/board/panels/' + encodeURIComponent(p.name) +
      '?lang=' + encodeURIComponent(state.lang) + '&mode=' + encodeURIComponent(state.mode);
  }

  function fetchPanel(p) {
    p.timer = 0;
    if (state.signedOut) return;
    p.busy = true;
    p.again = false;
    var abort = new AbortController();
    var timeout = setTimeout(function () { abort.abort(); }, FETCH_TIMEOUT_MS);
    // redirect: 'manual' so a redirect to the login page is seen as "signed out", never pasted into a panel.
    fetch(panelURL(p), { credentials: 'same-origin', cache: 'no-store', redirect: 'manual', signal: abort.signal,
      headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 401 || res.status === 403 || res.type === 'opaqueredirect') { signOut(); return null; }
        return res.ok ? res.text() : null; // other failures keep the old content until the next event
      })
      .then(function (html) {
        if (html === null || state.signedOut) return;
        state.refreshes++;
        if (html !== p.html && html !== p.el.innerHTML) {
          var scroll = p.el.scrollTop;
          p.el.innerHTML = html;
          p.el.scrollTop = scroll;
        }
        p.html = html;
        updateAges(p.el);
      })
      .catch(function () { /* offline or timed out: the stream's reconnect will refresh everything */ })
      .then(function () {
        clearTimeout(timeout);
        p.busy = false;
        if (p.again) schedule(p);
      });
  }

  // Refreshes the panels that listen to any of the given topics.
  function refreshTopics(topics) {
    panels.forEach(function (p) {
      for (var i = 0; i < p.topics.length; i++) {
        if (topics.indexOf(p.topics[i]) >= 0) { schedule(p); return; }
      }
    });
  }

  // ---- Live stream ----

  var source = null;
  var hadError = false;   // the next 'open' is a reconnect: catch up on everything
  var retryMs = RETRY_MIN_MS;
  var retryTimer = 0;

  function setConnection(name) {
    state.connection = name;
    var el = document.getElementById('connection');
    if (!el) return;
    el.setAttribute('data-state', name);
    el.textContent = text[name];
  }

  function parse(data) {
    try { return JSON.parse(data); } catch (e) { return null; }
  }

  // The id of the latest event received, as the browser's own Last-Event-ID; not a maximum, because a
  // server whose event log was rebuilt starts again from small ids (and says so with 'reset').
  function noteId(id) {
    if (!id) return;
    state.lastEventId = id;
    board.setAttribute('data-last-event-id', id);
  }

  function onEvent(e) {
    if (e.target !== source) return; // a late event from a stream we already closed
    state.events++;
    noteId(e.lastEventId);
    var payload = parse(e.data);
    if (e.type === 'reading') {
      var kind = payload && typeof payload.kind === 'string' ? payload.kind : null;
      if (kind) {
        refreshTopics(['reading', 'reading:' + kind]);
      } else { // unreadable payload: refresh every reading panel rather than miss one
        panels.forEach(function (p) {
          if (p.topics.some(function (t) { return t === 'reading' || t.indexOf('reading:') === 0; })) schedule(p);
        });
      }
      return;
    }
    if (e.type === 'alert' && payload && payload.change === 'start') flash();
    refreshTopics([e.type]); // alert, feed, message (unnamed SSE events are 'message' too)
  }

  function onReset(e) {
    if (e.target !== source) return;
    state.events++;
    noteId(e.lastEventId);
    refreshAll();
  }

  function onOpen(e) {
    if (e.target !== source) return;
    retryMs = RETRY_MIN_MS;
    setConnection('live');
    if (hadError) { hadError = false; refreshAll(); }
  }

  function onError(e) {
    if (e.target !== source || state.signedOut) return;
    hadError = true;
    setConnection('reconnecting');
    if (source.readyState !== 2) return; // CONNECTING: the browser retries by itself, sending Last-Event-ID
    // CLOSED (an HTTP error such as 401 or 503): ask a panel whether the session still exists, and try again later.
    source.close();
    source = null;
    if (panels.length) schedule(panels[0]);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function connect() {
    retryTimer = 0;
    if (state.signedOut || !board.dataset.stream) return;
    var url = board.dataset.stream;
    if (state.lastEventId) url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(state.lastEventId);
    source = new EventSource(url); // same-origin: the session cookie goes along
    source.addEventListener('open', onOpen);
    source.addEventListener('error', onError);
    source.addEventListener('reset', onReset);
    source.addEventListener('revoked', signOut); // the token was revoked or the session ended: stop, do not retry
    ['reading', 'alert', 'feed', 'message'].forEach(function (name) { source.addEventListener(name, onEvent); });
  }

  function signOut() {
    state.signedOut = true;
    clearTimeout(retryTimer);
    if (source) { source.close(); source = null; }
    panels.forEach(function (p) { clearTimeout(p.timer); });
    setConnection('signed-out');
  }

  // ---- Alert flash ----

  var bar = document.getElementById('board-bar');
  var flashTimer = 0;
  function flash() {
    if (!bar) return;
    clearTimeout(flashTimer);
    bar.classList.remove('flash');
    void bar.offsetWidth; // restart the CSS animation when a second alert starts during a flash
    bar.classList.add('flash');
    flashTimer = setTimeout(function () { bar.classList.remove('flash'); }, 10000);
  }

  // ---- Clock (Asia/Seoul, YYYY-MM-DD HH:mm:ss) ----

  var seoulFormat = null;
  try {
    seoulFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', hourCycle: 'h23', year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch (e) { seoulFormat = null; }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function seoulNow(now) {
    if (seoulFormat && seoulFormat.formatToParts) {
      var v = {};
      seoulFormat.formatToParts(now).forEach(function (part) { v[part.type] = part.value; });
      return v.year + '-' + v.month + '-' + v.day + ' ' + v.hour + ':' + v.minute + ':' + v.second;
    }
    var k = new Date(now.getTime() + 9 * 3600 * 1000); // Korea has no daylight saving time: UTC+9 all year
    return k.getUTCFullYear() + '-' + two(k.getUTCMonth() + 1) + '-' + two(k.getUTCDate()) + ' ' +
      two(k.getUTCHours()) + ':' + two(k.getUTCMinutes()) + ':' + two(k.getUTCSeconds());
  }

  var clock = document.getElementById('clock');
  function tick() {
    if (!clock) return;
    var s = seoulNow(new Date());
    if (clock.textContent !== s) clock.textContent = s;
  }

  // ---- "Updated … ago" labels ----

  function updateAges(root) {
    var now = Date.now();
    Array.prototype.forEach.call((root || board).querySelectorAll('.updated[data-time]'), function (el) {
      var t = Date.parse(el.getAttribute('data-time'));
      if (isNaN(t)) return;
      var minutes = Math.max(0, Math.floor((now - t) / 60000));
      var label = minutes < 1 ? text.justNow : minutes < 60 ? text.minutes(minutes) : text.hours(Math.floor(minutes / 60));
      if (el.textContent !== label) el.textContent = label;
      var staleAfter = parseFloat(el.getAttribute('data-stale-after'));
      if (!(staleAfter > 0)) staleAfter = 3600;
      el.classList.toggle('old', now - t > staleAfter * 1000);
    });
  }

  // ---- Wall mode: one page at a time ----

  var dots = null;
  function showPage() {
    var pages = board.querySelectorAll('#panels > .page');
    if (!pages.length) return;
    state.page = state.page % pages.length;
    if (!dots) {
      dots = document.getElementById('page-dots');
      if (!dots) {
        dots = document.createElement('span');
        dots.id = 'page-dots';
        dots.setAttribute('aria-hidden', 'true');
        (bar || board).appendChild(dots);
      }
    }
    while (dots.children.length < pages.length) dots.appendChild(document.createElement('i'));
    while (dots.children.length > pages.length) dots.removeChild(dots.lastElementChild);
    for (var i = 0; i < pages.length; i++) {
      pages[i].classList.toggle('active', i === state.page);
      dots.children[i].className = i === state.page ? 'on' : '';
    }
  }

  // ---- Start ----

  setConnection('connecting');
  tick();
  setInterval(tick, 250); // writes only when the second changes, so the display never lags a whole second
  updateAges();
  setInterval(function () { updateAges(); }, 10000);
  if (state.mode === 'wall') {
    document.body.classList.add('wall');
    showPage();
    var rotate = Math.max(5, parseFloat(board.dataset.rotateSeconds) || 20);
    setInterval(function () { state.page++; showPage(); }, rotate * 1000);
  }
  connect();

  window.MokminBoard = { refreshAll: refreshAll, state: state };
})();
