// The chat-relay admin console: polls /admin/api/overview every second and keeps the page in step,
// row by row (so keyboard focus and screen readers are not disturbed by each poll); its changes go to
// the admin API's operations under /admin/api, with the session's CSRF token. No inline code: the
// page is served with a strict Content-Security-Policy.
'use strict';

(() => {
  const POLL_MS = 1000;
  const API = '/admin/api';
  const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  // a date with its month spelled out (never 03/04: which is the month?), the time and its zone
  const dateTime = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  });
  const utf8 = new TextEncoder();
  const byId = (id) => document.getElementById(id);
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const csrf = { header: meta('csrf-header'), token: meta('csrf-token') };
  const view = {
    filter: '', page: 0, size: 50, clustered: false, bansFilter: '', bansPage: 0, roomsPage: 0, auditPage: 0,
    announcementMaxBytes: null, // the server's line-length limit, from the first poll
  };
  let timer = null;
  let polling = false;
  let pollAgain = false;

  // ---- talking to the service ----

  class Problem extends Error {}

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers[csrf.header] = csrf.token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(API + path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign('/admin/login?expired');
      throw new Problem('your session ended');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (ignored) {
      json = null; // not JSON (a proxy's error page): the status says enough
    }
    if (!response.ok) {
      if (response.status === 403 && method !== 'GET') {
        throw new Problem('the page is out of date (its security token expired): reload it');
      }
      throw new Problem((json && (json.detail || json.title)) || `${response.status} ${response.statusText}`);
    }
    return json;
  }

  function refresh() {
    if (polling) {
      pollAgain = true;
      return;
    }
    clearTimeout(timer);
    poll();
  }

  async function poll() {
    if (document.hidden) {
      return; // a tab nobody looks at costs the relay nothing; visibilitychange resumes it
    }
    polling = true;
    try {
      const query = new URLSearchParams({
        filter: view.filter, page: view.page, size: view.size,
        bansFilter: view.bansFilter, bansPage: view.bansPage, roomsPage: view.roomsPage, auditPage: view.auditPage,
      });
      render(await call('GET', `/overview?${query}`));
      setLive(true);
    } catch (error) {
      setLive(false, error.message);
    } finally {
      polling = false;
      timer = setTimeout(poll, pollAgain ? 0 : POLL_MS);
      pollAgain = false;
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refresh();
    }
  });

  function setLive(ok, why) {
    const live = byId('live');
    live.dataset.state = ok ? 'live' : 'lost';
    live.textContent = ok ? `Live · updated ${new Date().toLocaleTimeString()}`
      : `Not updating (${why}); retrying…`;
  }

  function say(text, isError) {
    const message = byId('message');
    message.textContent = text;
    message.classList.toggle('error', Boolean(isError));
  }

  async function act(work, done) {
    try {
      await work();
      say(done, false);
    } catch (error) {
      say(`Failed: ${error.message}`, true);
    }
    refresh();
  }

  // ---- formatting ----

  function count(value) {
    return value === null || value === undefined ? '–' : numbers.format(value);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return '–';
    }
    if (seconds < 0.001) {
      return `${numbers.format(seconds * 1e6)} µs`;
    }
    if (seconds < 1) {
      return `${numbers.format(seconds * 1e3)} ms`;
    }
    return `${numbers.format(seconds)} s`;
  }

  function uptime(seconds) {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    if (days > 0) {
      return `${days} d ${hours} h`;
    }
    if (hours > 0) {
      return `${hours} h ${minutes} min`;
    }
    return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
  }

  function when(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    const today = date.toDateString() === new Date().toDateString();
    return today ? date.toLocaleTimeString() : date.toLocaleString();
  }

  function until(iso) {
    return iso ? dateTime.format(new Date(iso)) : 'permanent';
  }

  // As the server counts an announcement: a line break becomes one space (Java's \R), then bytes of UTF-8.
  function announcementBytes(text) {
    return utf8.encode(text.replace(/\r\n|[\n\u000B\u000C\r\u0085\u2028\u2029]/g, ' ')).length;
  }

  // ---- rendering ----

  function render(overview) {
    const { stats, rates } = overview;
    byId('stat-users').textContent = count(stats.usersOnline);
    byId('stat-connections').textContent = count(stats.connectionsOpen);
    byId('stat-in-rate').textContent = count(rates.messagesInPerSecond);
    byId('stat-delivered-rate').textContent = count(rates.deliveredPerSecond);
    byId('stat-p99').textContent = duration(rates.relayLatencyP99Seconds);
    byId('stat-uptime').textContent = uptime(stats.uptimeSeconds);
    view.clustered = overview.clustered;
    document.querySelectorAll('.replica-col').forEach((cell) => { cell.hidden = !view.clustered; });
    renderUsers(overview.users);
    renderRooms(overview.rooms, overview.defaultRoom);
    renderBans(overview.bans);
    if (view.announcementMaxBytes !== overview.announcementMaxBytes) {
      view.announcementMaxBytes = overview.announcementMaxBytes;
      showAnnouncementBytes();
    }
    renderLog('disconnects', overview.disconnects, (record) => [
      [when(record.disconnectedAt), record.disconnectedAt],
      [(record.name || '(no name yet)') + (record.count > 1 ? ` \u00d7 ${record.count}` : '')],
      [record.remoteAddress],
      [record.detail ? `${record.reason}: ${record.detail}` : record.reason],
    ]);
    renderLog('audit', overview.audit.rows, (entry) => [
      [when(entry.at), entry.at],
      [entry.username, entry.remoteAddress ? `from ${entry.remoteAddress}` : ''],
      [entry.action],
      [entry.target || ''],
      [entry.detail || ''],
    ]);
    renderPager(overview.audit, 'auditPage', 'audit', (from, to, page) => `${count(from)}–${count(to)} of ${count(page.total)}`);
  }

  // The pager under a table: "from–to of n", its buttons, and back to the last page there is when
  // the rows of this one went away (users left, bans were lifted).
  function renderPager(page, pageKey, prefix, describe) {
    const lastPage = Math.max(0, Math.ceil(page.matching / page.size) - 1);
    if (view[pageKey] > lastPage) {
      view[pageKey] = lastPage;
      refresh();
    }
    const from = page.rows.length ? page.page * page.size + 1 : 0;
    const to = page.page * page.size + page.rows.length;
    byId(`${prefix}-info`).textContent = describe(from, to, page);
    byId(`${prefix}-prev`).disabled = page.page === 0;
    byId(`${prefix}-next`).disabled = to >= page.matching;
  }

  function filteredFrom(page) {
    return page.matching !== page.total ? ` (filtered from ${count(page.total)})` : '';
  }

  // Keeps one <tr> per key, updating cells in place and moving rows only when the order changed.
  function syncRows(tbody, items, keyOf, create, update) {
    const existing = new Map();
    for (const row of tbody.rows) {
      existing.set(row.dataset.key, row);
    }
    items.forEach((item, index) => {
      const key = keyOf(item);
      let row = existing.get(key);
      if (row) {
        existing.delete(key);
      } else {
        row = create(item);
        row.dataset.key = key;
      }
      update(row, item);
      if (tbody.rows[index] !== row) {
        tbody.insertBefore(row, tbody.rows[index] || null);
      }
    });
    existing.forEach((row) => row.remove());
  }

  function setCell(cell, text, title) {
    const value = text === null || text === undefined ? '' : String(text);
    if (cell.textContent !== value) {
      cell.textContent = value;
    }
    if (title) {
      cell.title = title;
    } else {
      cell.removeAttribute('title');
    }
  }

  function button(label, className, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.className = className;
    element.addEventListener('click', onClick);
    return element;
  }

  function renderUsers(page) {
    const tbody = byId('users-body');
    syncRows(tbody, page.rows, (user) => `${user.replicaId || ''}/${user.connectionId}`, (user) => {
      const row = document.createElement('tr');
      for (let i = 0; i < 6; i++) {
        row.insertCell();
      }
      ['Address', 'Connected since', 'In / out', 'Pending bytes', 'Replica'].forEach((label, i) => {
        row.cells[i + 1].dataset.label = label; // shown before the value where the table becomes cards
      });
      row.cells[0].className = 'name';
      row.cells[3].className = 'num';
      row.cells[4].className = 'num';
      row.cells[5].className = 'replica-col';
      const actions = row.insertCell();
      actions.className = 'actions';
      actions.append(button('Kick', 'kick danger', () => openReasonDialog('kick-dialog', row.user)),
        button('Ban', 'ban', () => openUserBan(row.user)));
      return row;
    }, (row, user) => {
      row.user = user;
      row.dataset.name = user.name;
      setCell(row.cells[0], user.name);
      setCell(row.cells[1], user.remoteAddress);
      setCell(row.cells[2], when(user.connectedAt), user.connectedAt);
      setCell(row.cells[3], `${count(user.messagesIn)} / ${count(user.messagesOut)}`,
        `${count(user.bytesIn)} bytes in, ${count(user.bytesOut)} bytes out`);
      setCell(row.cells[4], count(user.pendingBytes));
      setCell(row.cells[5], user.replicaId || '');
      row.cells[5].hidden = !view.clustered;
      const [kick, ban] = row.cells[6].children;
      kick.setAttribute('aria-label', `Kick ${user.name}`);
      ban.setAttribute('aria-label', `Ban ${user.name}`);
    });
    byId('users-empty').hidden = page.rows.length > 0;
    byId('users-empty').textContent = page.total === 0 ? 'Nobody is online.' : 'Nobody matches the filter.';
    renderPager(page, 'page', 'page', (from, to) => `${count(from)}–${count(to)} of ${count(page.matching)}${filteredFrom(page)}`);
  }

  function renderBans(page) {
    byId('bans-count').textContent = page.total ? `(${count(page.total)})` : '';
    syncRows(byId('bans-body'), page.rows, (ban) => ban.id, (ban) => {
      const row = document.createElement('tr');
      for (let i = 0; i < 3; i++) {
        row.insertCell();
      }
      const actions = row.insertCell();
      actions.className = 'actions';
      actions.append(button('Unban', 'unban', () => unban(row.ban)));
      return row;
    }, (row, ban) => {
      row.ban = ban;
      const target = ban.name ? `name ${ban.name}` : `address ${ban.address}`;
      row.dataset.target = ban.name || ban.address;
      setCell(row.cells[0], target, `since ${ban.createdAt}`);
      setCell(row.cells[1], ban.reason || '');
      setCell(row.cells[2], until(ban.expiresAt), ban.expiresAt);
      row.cells[3].firstChild.setAttribute('aria-label', `Unban ${target}`);
    });
    byId('bans-empty').hidden = page.rows.length > 0;
    byId('bans-empty').textContent = page.total === 0 ? 'No active bans.' : 'No ban matches the search.';
    renderPager(page, 'bansPage', 'bans', (from, to) => `${count(from)}–${count(to)} of ${count(page.matching)}${filteredFrom(page)}`);
  }

  // The default room always exists: its row has no close button.
  function renderRooms(page, defaultRoom) {
    byId('rooms-count').textContent = `(${count(page.total)})`;
    syncRows(byId('rooms-body'), page.rows, (room) => room.name, (room) => {
      const row = document.createElement('tr');
      row.insertCell().className = 'name';
      row.insertCell().className = 'num';
      row.cells[1].dataset.label = 'Members';
      const actions = row.insertCell();
      actions.className = 'actions';
      if (room.name === defaultRoom) {
        actions.textContent = 'default room';
        actions.title = 'Every user is in it after the handshake; it cannot be closed';
      } else {
        const close = button('Close', 'close-room danger', () => openReasonDialog('close-room-dialog', row.room));
        close.setAttribute('aria-label', `Close ${room.name}`);
        actions.append(close);
      }
      return row;
    }, (row, room) => {
      row.room = room;
      row.dataset.name = room.name;
      setCell(row.cells[0], room.name, `since ${room.createdAt}`);
      setCell(row.cells[1], count(room.members));
    });
    renderPager(page, 'roomsPage', 'rooms', (from, to) => `${count(from)}–${count(to)} of ${count(page.total)}`);
  }

  // Read-only tables: rebuilt, but only when what they show changed.
  function renderLog(name, items, cellsOf) {
    const tbody = byId(`${name}-body`);
    const signature = JSON.stringify(items);
    if (tbody.dataset.signature === signature) {
      return;
    }
    tbody.dataset.signature = signature;
    tbody.replaceChildren(...items.map((item) => {
      const row = document.createElement('tr');
      for (const [text, title] of cellsOf(item)) {
        setCell(row.insertCell(), text, title);
      }
      row.cells[0].className = 'when';
      return row;
    }));
    byId(`${name}-empty`).hidden = items.length > 0;
  }

  // ---- actions ----

  function reasonOrNull(input) {
    const reason = input.value.trim();
    return reason === '' ? null : reason;
  }

  // A dialog that asks for a reason before an action on one user or room (kick, close a room).
  function openReasonDialog(id, subject) {
    const dialog = byId(id);
    dialog.subject = subject;
    dialog.querySelector('.target').textContent = subject.name;
    dialog.querySelector('input[type="text"]').value = '';
    dialog.showModal();
  }

  // Its submit: closes it and DELETEs the subject's path, with ?reason= when one was typed.
  function onReasonDialog(id, pathOf, done) {
    byId(id).addEventListener('submit', (event) => {
      event.preventDefault();
      const dialog = event.target.closest('dialog');
      const { subject } = dialog;
      const reason = reasonOrNull(dialog.querySelector('input[type="text"]'));
      dialog.close();
      const query = reason ? `?${new URLSearchParams({ reason })}` : '';
      act(() => call('DELETE', `${pathOf(subject)}${query}`), done(subject));
    });
  }

  // The API shows host:port (IPv6 hosts are colon-separated too); a ban is for the host.
  function hostOf(remoteAddress) {
    const colon = remoteAddress.lastIndexOf(':');
    return colon > 0 ? remoteAddress.slice(0, colon) : remoteAddress;
  }

  function openUserBan(user) {
    const dialog = byId('user-ban-dialog');
    dialog.user = user;
    dialog.querySelector('.target').textContent = user.name;
    byId('user-ban-name').textContent = user.name;
    byId('user-ban-address').textContent = hostOf(user.remoteAddress);
    byId('user-ban-reason').value = '';
    dialog.showModal();
  }

  function banRequest(kind, target, reasonInput, durationSelect) {
    const request = { reason: reasonOrNull(reasonInput) };
    request[kind] = target;
    if (durationSelect.value) {
      request.duration = durationSelect.value;
    }
    return request;
  }

  function banUser(event) {
    event.preventDefault();
    const dialog = byId('user-ban-dialog');
    const kind = dialog.querySelector('input[name="user-ban-kind"]:checked').value;
    const target = kind === 'name' ? dialog.user.name : hostOf(dialog.user.remoteAddress);
    const request = banRequest(kind, target, byId('user-ban-reason'), byId('user-ban-duration'));
    dialog.close();
    act(() => call('POST', '/bans', request), `Banned ${kind} ${target}.`);
  }

  function ban(event) {
    event.preventDefault();
    const kind = document.querySelector('input[name="ban-kind"]:checked').value;
    const target = byId('ban-target').value.trim();
    const request = banRequest(kind, target, byId('ban-reason'), byId('ban-duration'));
    act(async () => {
      await call('POST', '/bans', request);
      byId('ban-target').value = '';
      byId('ban-reason').value = '';
    }, `Banned ${kind} ${target}.`);
  }

  function unban(banned) {
    act(() => call('DELETE', `/bans/${encodeURIComponent(banned.id)}`),
      `Unbanned ${banned.name || banned.address}.`);
  }

  function showAnnouncementBytes() {
    const bytes = announcementBytes(byId('announce-text').value);
    const max = view.announcementMaxBytes;
    const over = max !== null && bytes > max;
    byId('announce-bytes').textContent = max === null ? `${count(bytes)} bytes` : `${count(bytes)} / ${count(max)} bytes`;
    byId('announce-bytes').classList.toggle('over', over);
    byId('announce-text').setAttribute('aria-invalid', String(over));
    return { bytes, max, over };
  }

  function announce(event) {
    event.preventDefault();
    const text = byId('announce-text').value;
    const { bytes, max, over } = showAnnouncementBytes();
    if (over) {
      say(`Not sent: the announcement is ${count(bytes)} bytes of UTF-8, over the limit of ${count(max)} bytes `
        + '(a letter such as é takes 2 bytes, most Chinese or Hindi letters 3). Shorten it.', true);
      return;
    }
    act(async () => {
      await call('POST', '/announcements', { text });
      byId('announce-text').value = '';
      showAnnouncementBytes();
    }, 'Announced to every user.');
  }

  // A search box that asks the server again once typing pauses.
  function onSearch(input, apply) {
    let typing = null;
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        apply(input.value.trim());
        refresh();
      }, 250);
    });
  }

  function onPage(prefix, pageKey) {
    byId(`${prefix}-prev`).addEventListener('click', () => {
      view[pageKey] = Math.max(0, view[pageKey] - 1);
      refresh();
    });
    byId(`${prefix}-next`).addEventListener('click', () => {
      view[pageKey] += 1;
      refresh();
    });
  }

  // ---- wiring ----

  function wire() {
    byId('users-filter').addEventListener('submit', (event) => event.preventDefault());
    onSearch(byId('filter'), (text) => {
      view.filter = text;
      view.page = 0;
    });
    byId('bans-filter').addEventListener('submit', (event) => event.preventDefault());
    onSearch(byId('bans-search'), (text) => {
      view.bansFilter = text;
      view.bansPage = 0;
    });
    byId('page-size').addEventListener('change', () => {
      view.size = Number(byId('page-size').value);
      view.page = 0;
      refresh();
    });
    onPage('page', 'page');
    onPage('bans', 'bansPage');
    onPage('rooms', 'roomsPage');
    onPage('audit', 'auditPage');
    byId('announce-text').addEventListener('input', showAnnouncementBytes);
    onReasonDialog('kick-form', (user) => `/users/${encodeURIComponent(user.name)}`, (user) => `Kicked ${user.name}.`);
    byId('user-ban-form').addEventListener('submit', banUser);
    // the API names a room without its #
    onReasonDialog('close-room-form', (room) => `/rooms/${encodeURIComponent(room.name.slice(1))}`,
      (room) => `Closed ${room.name}.`);
    byId('ban-form').addEventListener('submit', ban);
    byId('announce-form').addEventListener('submit', announce);
    document.querySelectorAll('input[name="ban-kind"]').forEach((radio) => radio.addEventListener('change', () => {
      byId('ban-target').placeholder = radio.value === 'name' ? 'mallory' : '203.0.113.7 or 203.0.113.0/24';
    }));
    document.querySelectorAll('dialog .cancel').forEach((cancel) => cancel.addEventListener('click', () => {
      cancel.closest('dialog').close();
    }));
    view.size = Number(byId('page-size').value);
    showAnnouncementBytes();
  }

  wire();
  poll();
})();
