// The details panel: what a person asks of a file (type, size, date, where it hangs), a preview that
// cannot run what was uploaded, download, copy of the permanent_url, delete after a confirmation that
// names the file, and every raw field behind a disclosure. The bytes are always fetched from the
// page's own origin (sameOrigin), so the panel works at any host name the server answers to.
import { $, el, show, formatSize, formatDate, isWebUrl, sameOrigin } from './dom.js';
import { api, request } from './api.js';

const FIELDS = ['name', 'resource_subtype', 'created_at', 'size', 'host', 'download_url', 'view_url',
  'permanent_url', 'parent', 'parent.name', 'parent.created_by', 'connected_to_app'];
const TEXT_PREVIEW_BYTES = 64 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon'];

let current = null;

export async function openDetails(gid) {
  const body = await request('GET', api(`/attachments/${gid}?opt_fields=${FIELDS.join(',')}`));
  current = body.data;
  render(current);
  return current;
}

export function closeDetails() {
  current = null;
  show($('details'), false);
}

export function currentAttachment() {
  return current;
}

function render(a) {
  $('details-title').textContent = a.name;
  const download = $('download');
  const isUpload = a.resource_subtype === 'asana';
  show(download, isUpload);
  show($('copy-url'), isUpload);
  if (isUpload) {
    download.href = sameOrigin(a.download_url);
    download.setAttribute('download', a.name);
  }
  const open = $('open-link');
  const external = !isUpload && isWebUrl(a.view_url);
  show(open, external);
  if (external) open.href = a.view_url;
  show($('copy-result'), false);
  renderSummary(a, isUpload);
  renderFields(a);
  $('preview').replaceChildren();
  show($('details'), true);
  if (isUpload) preview(a);
}

// A signed download URL lasts minutes; a click fetches a fresh one rather than follow a stale link.
export async function downloadCurrent(event) {
  const a = current;
  if (!a) return;
  event.preventDefault();
  const body = await request('GET', api(`/attachments/${a.gid}?opt_fields=download_url`));
  const link = el('a', { href: sameOrigin(body.data.download_url), download: a.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

const PARENT_TYPES = { task: 'Task', project: 'Project', project_brief: 'Project brief' };

function renderSummary(a, isUpload) {
  const rows = [
    ['Type', isUpload ? 'Uploaded file' : `Link (${a.host || a.resource_subtype})`],
  ];
  if (isUpload) rows.push(['Size', formatSize(a.size)]);
  rows.push(['Added', formatDate(a.created_at)]);
  if (a.parent) {
    const kind = PARENT_TYPES[a.parent.resource_type] || a.parent.resource_type;
    rows.push(['On', `${kind} “${a.parent.name}”`]);
  }
  if (!isUpload && isWebUrl(a.view_url)) rows.push(['Link', a.view_url]);
  const out = [];
  for (const [term, value] of rows) out.push(el('dt', { text: term }), el('dd', { text: value }));
  $('summary').replaceChildren(...out);
}

function renderFields(a) {
  const rows = [];
  for (const [key, value] of Object.entries(a)) {
    rows.push(el('dt', { text: key }), el('dd', {}, fieldValue(key, value)));
  }
  $('fields').replaceChildren(...rows);
}

function fieldValue(key, value) {
  if (value === null || value === undefined) return el('span', { class: 'muted', text: 'none' });
  if (typeof value === 'object') {
    return el('code', { class: 'wrap', text: Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'object' && v ? v.gid : v}`).join(', ') });
  }
  if (typeof value === 'string' && isWebUrl(value)) {
    return el('code', { class: 'wrap', text: value });
  }
  return document.createTextNode(String(value));
}

// Asks the download route what type it serves; types a browser would run are already served as
// application/octet-stream there, and get no preview here.
async function preview(a) {
  const box = $('preview');
  box.replaceChildren(el('p', { class: 'muted', text: 'Loading preview…' }));
  let type = '';
  try {
    // One byte is enough to learn the type.
    const probe = await fetch(sameOrigin(a.download_url), { credentials: 'same-origin', headers: { Range: 'bytes=0-0' } });
    if (probe.status === 416) {
      box.replaceChildren(el('p', { class: 'muted', text: 'The file is empty.' }));
      return;
    }
    if (!probe.ok) throw new Error(String(probe.status));
    type = (probe.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  } catch {
    box.replaceChildren(el('p', { class: 'muted', text: 'No preview: the file could not be reached.' }));
    return;
  }
  if (current !== a) return;
  if (IMAGE_TYPES.includes(type)) {
    box.replaceChildren(el('img', { src: sameOrigin(a.download_url), alt: `Preview of ${a.name}`, id: 'preview-image' }));
  } else if (type.startsWith('video/')) {
    box.replaceChildren(el('video', { src: sameOrigin(a.download_url), controls: true, preload: 'metadata' }));
  } else if (type.startsWith('audio/')) {
    box.replaceChildren(el('audio', { src: sameOrigin(a.download_url), controls: true, preload: 'metadata' }));
  } else if (type.startsWith('text/') || type === 'application/json') {
    await textPreview(a, box);
  } else {
    box.replaceChildren(el('p', { class: 'muted', text: `No preview for ${type || 'this type'}; download it to open it.` }));
  }
}

// Text is shown as text (textContent in a <pre>), never parsed as markup.
async function textPreview(a, box) {
  try {
    const response = await fetch(sameOrigin(a.download_url), {
      credentials: 'same-origin', headers: { Range: `bytes=0-${TEXT_PREVIEW_BYTES - 1}` },
    });
    const text = new TextDecoder().decode(await response.arrayBuffer());
    if (current !== a) return;
    const cut = (a.size || 0) > TEXT_PREVIEW_BYTES ? el('p', { class: 'muted', text: 'First 64 KB shown.' }) : null;
    box.replaceChildren(...[el('pre', { class: 'text-preview', text }), cut].filter(Boolean));
  } catch {
    box.replaceChildren(el('p', { class: 'muted', text: 'No preview: the file could not be read.' }));
  }
}

export async function copyPermanentUrl() {
  const url = current && current.permanent_url;
  if (!url) return;
  const result = $('copy-result');
  try {
    await navigator.clipboard.writeText(url);
    result.replaceChildren(document.createTextNode('Copied the permanent URL.'));
  } catch {
    // Clipboard access needs a secure context; offer the URL selected instead.
    const field = el('input', { value: url, readOnly: true, 'aria-label': 'Permanent URL' });
    result.replaceChildren(document.createTextNode('Copy it from here: '), field);
    field.select();
  }
  show(result, true);
}

// Resolves true when the person confirmed deleting this attachment.
export function confirmDelete(a) {
  const dialog = $('confirm-delete');
  $('confirm-text').textContent = `Delete “${a.name}”? This cannot be undone.`;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'delete'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}
