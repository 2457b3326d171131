'use strict';
// Stowage browser UI: browse a disk like folders, upload with progress, download, delete, share.
const state = { disk: null, prefix: '', cursor: null, token: sessionStorage.getItem('stowage-token') };
const $ = (id) => document.getElementById(id);

function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (state.token) h['Authorization'] = 'Bearer ' + state.token;
  return h;
}

function encodeKey(key) {
  return key.split('/').map(encodeURIComponent).join('/');
}

function objectUrl(key) {
  return '/api/disks/' + encodeURIComponent(state.disk) + '/objects/' + encodeKey(key);
}

function status(text, error) {
  const s = $('status');
  s.textContent = text;
  s.className = error ? 'error' : '';
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({}, options, { headers: headers((options || {}).headers) }));
  if (response.status === 401) {
    $('token-panel').hidden = false;
    throw new Error('this server needs its access token');
  }
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function size(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

async function loadDisks() {
  const disks = await (await api('/api/disks')).json();
  const select = $('disk');
  select.innerHTML = '';
  for (const d of disks) {
    const o = document.createElement('option');
    o.value = d.name;
    o.textContent = d.name;
    if (d.default) o.selected = true;
    select.appendChild(o);
  }
  state.disk = select.value;
}

function crumbs() {
  const nav = $('crumbs');
  nav.innerHTML = '';
  const parts = state.prefix.split('/').filter(Boolean);
  const add = (label, prefix) => {
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = label;
    a.addEventListener('click', (e) => { e.preventDefault(); open(prefix); });
    nav.appendChild(a);
  };
  add(state.disk + ':/', '');
  let acc = '';
  for (const p of parts) { acc += p + '/'; add(p + '/', acc); }
  $('drop-target').textContent = state.disk + ':/' + state.prefix;
}

function open(prefix) {
  state.prefix = prefix;
  state.cursor = null;
  document.querySelector('#listing tbody').innerHTML = '';
  crumbs();
  return list();
}

async function list() {
  const q = new URLSearchParams({ prefix: state.prefix, delimiter: '/', limit: '200' });
  if (state.cursor) q.set('cursor', state.cursor);
  const page = await (await api('/api/disks/' + encodeURIComponent(state.disk) + '/objects?' + q)).json();
  const body = document.querySelector('#listing tbody');
  for (const p of page.prefixes) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    const a = document.createElement('a');
    a.href = '#';
    a.className = 'folder';
    a.textContent = p.substring(state.prefix.length);
    a.addEventListener('click', (e) => { e.preventDefault(); open(p); });
    td.appendChild(a);
    tr.appendChild(td);
    tr.appendChild(document.createElement('td'));
    tr.appendChild(document.createElement('td'));
    tr.appendChild(document.createElement('td'));
    tr.appendChild(document.createElement('td'));
    body.appendChild(tr);
  }
  for (const o of page.objects) {
    body.appendChild(row(o));
  }
  state.cursor = page.nextCursor;
  $('more').hidden = !page.nextCursor;
  status(body.children.length ? '' : 'This folder is empty.');
}

function row(o) {
  const tr = document.createElement('tr');
  tr.dataset.key = o.key;
  const name = o.key.substring(state.prefix.length);
  const cells = [name, size(o.size), o.lastModified ? new Date(o.lastModified).toLocaleString() : '', o.contentType];
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    if (i === 0) {
      const a = document.createElement('a');
      a.href = objectUrl(o.key) + '?download=' + encodeURIComponent(name);
      a.textContent = text;
      a.className = 'download';
      a.addEventListener('click', (e) => {
        if (!state.token) return;      // plain link works without a token
        e.preventDefault();
        download(o.key, name);
      });
      td.appendChild(a);
    } else {
      td.textContent = text;
      if (i === 1) td.className = 'num';
    }
    tr.appendChild(td);
  });
  const actions = document.createElement('td');
  const share = document.createElement('select');
  share.setAttribute('aria-label', 'share ' + name);
  share.innerHTML = '<option value="">Share…</option><option value="300">5 minutes</option>'
    + '<option value="3600">1 hour</option><option value="86400">1 day</option><option value="604800">7 days</option>';
  share.addEventListener('change', () => { if (share.value) sign(o.key, name, Number(share.value)); share.value = ''; });
  const del = document.createElement('button');
  del.textContent = 'Delete';
  del.className = 'delete';
  del.addEventListener('click', () => remove(o.key));
  actions.appendChild(share);
  actions.appendChild(del);
  tr.appendChild(actions);
  return tr;
}

async function download(key, name) {
  const blob = await (await api(objectUrl(key))).blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function remove(key) {
  if (!confirm('Delete ' + key + '?')) return;
  try {
    await api(objectUrl(key), { method: 'DELETE' });
    status('Deleted ' + key);
    await open(state.prefix);
  } catch (e) { status(e.message, true); }
}

async function sign(key, name, seconds) {
  try {
    const response = await api('/api/disks/' + encodeURIComponent(state.disk) + '/signed-urls', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: key, method: 'GET', expiresInSeconds: seconds, downloadName: name })
    });
    const url = (await response.json()).url;
    $('link-panel').hidden = false;
    $('link').value = url;
    $('link').select();
    if (navigator.clipboard) { navigator.clipboard.writeText(url).catch(() => {}); }
    status('Signed link for ' + key + ' copied (valid ' + (seconds / 60) + ' min).');
  } catch (e) { status(e.message, true); }
}

function upload(file) {
  const key = state.prefix + file.name;
  const li = document.createElement('li');
  const bar = document.createElement('progress');
  bar.max = file.size || 1;
  bar.value = 0;
  const label = document.createElement('span');
  label.textContent = key;
  li.appendChild(label);
  li.appendChild(bar);
  $('uploads').appendChild(li);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', objectUrl(key));
    const h = headers(file.type ? { 'Content-Type': file.type } : {});
    for (const k in h) xhr.setRequestHeader(k, h[k]);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = e.loaded; };
    xhr.onload = () => {
      if (xhr.status === 201) {
        bar.value = bar.max;
        label.textContent = key + ' ✓';
      } else {
        let message = xhr.status + '';
        try { message = JSON.parse(xhr.responseText).message; } catch (e) { /* not JSON */ }
        label.textContent = key + ' ✗ ' + message;
        status(message, true);
      }
      resolve();
    };
    xhr.onerror = () => { label.textContent = key + ' ✗ network error'; resolve(); };
    xhr.send(file);
  });
}

async function uploadAll(files) {
  for (const f of files) { await upload(f); }
  await open(state.prefix);
}

function wire() {
  $('disk').addEventListener('change', () => { state.disk = $('disk').value; open(''); });
  $('more').addEventListener('click', () => list());
  $('file').addEventListener('change', (e) => uploadAll(Array.from(e.target.files)));
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add('over'); }));
  ['dragleave', 'drop'].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove('over'); }));
  drop.addEventListener('drop', (e) => uploadAll(Array.from(e.dataTransfer.files)));
  $('token-save').addEventListener('click', () => {
    state.token = $('token').value;
    sessionStorage.setItem('stowage-token', state.token);
    $('token-panel').hidden = true;
    start();
  });
}

async function start() {
  try {
    await loadDisks();
    await open('');
  } catch (e) { status(e.message, true); }
}

wire();
start();
