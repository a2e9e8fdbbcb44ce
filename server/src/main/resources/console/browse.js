// Workspaces → tasks, projects and briefs → their attachments, paged as the API pages.
import { $, el, show, formatBytes, formatDate } from './dom.js';
import { api, request } from './api.js';

export const PAGE_SIZE = 20;
const LIST_FIELDS = 'name,resource_subtype,size,created_at';
const LABELS = {
  task: { one: 'task', many: 'tasks', create: 'Create task' },
  project: { one: 'project', many: 'projects', create: 'Create project' },
  project_brief: { one: 'brief', many: 'project briefs', create: null },
};

export const state = { workspace: null, type: 'task', parent: null, nextOffset: null, loadId: 0 };

export function fillWorkspaces(workspaces) {
  const select = $('workspace');
  select.replaceChildren(...workspaces.map((w) => el('option', { value: w.gid, text: w.name })));
  state.workspace = workspaces.length ? workspaces[0].gid : null;
}

export function setType(type) {
  state.type = type;
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.setAttribute('aria-pressed', String(tab.dataset.type === type));
  }
  const label = LABELS[type];
  show($('create-parent'), Boolean(label.create));
  if (label.create) {
    $('parent-name-label').textContent = `New ${label.one}`;
    $('create-parent-button').textContent = label.create;
  }
}

export async function loadParents(onPick) {
  const list = $('parents');
  const empty = $('parents-empty');
  if (!state.workspace) {
    list.replaceChildren();
    empty.textContent = 'You are not a member of any workspace.';
    show(empty, true);
    return;
  }
  list.setAttribute('aria-busy', 'true');
  let body;
  try {
    body = await request('GET', `/console/api/workspaces/${state.workspace}/parents?type=${state.type}`);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
  const label = LABELS[state.type];
  list.replaceChildren(...body.data.map((p) => el('li', {},
    el('button', {
      type: 'button', class: 'item', text: p.name || `(unnamed ${label.one})`, 'data-gid': p.gid,
      'aria-current': state.parent && state.parent.gid === p.gid ? 'true' : null,
      onclick: () => onPick(p),
    }))));
  empty.textContent = state.type === 'project_brief'
    ? 'No project briefs in this workspace yet.'
    : `No ${label.many} in this workspace yet. Create one above.`;
  show(empty, body.data.length === 0);
}

export function markPicked(gid) {
  for (const b of $('parents').querySelectorAll('button')) {
    if (b.dataset.gid === gid) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
}

// Loads the first page (replacing the list) or the next one (appending to it).
export async function loadAttachments(onOpen, { more = false } = {}) {
  const parent = state.parent;
  const id = ++state.loadId;
  let path = `/attachments?parent=${parent.gid}&limit=${PAGE_SIZE}&opt_fields=${LIST_FIELDS}`;
  if (more && state.nextOffset) path += `&offset=${encodeURIComponent(state.nextOffset)}`;
  const list = $('attachment-list');
  list.setAttribute('aria-busy', 'true');
  let body;
  try {
    body = await request('GET', api(path));
  } finally {
    if (id === state.loadId) list.setAttribute('aria-busy', 'false');
  }
  if (id !== state.loadId || parent !== state.parent) return; // a newer load won
  const rows = body.data.map((a) => attachmentRow(a, onOpen));
  if (more) list.append(...rows);
  else list.replaceChildren(...rows);
  state.nextOffset = body.next_page ? body.next_page.offset : null;
  show($('more'), Boolean(state.nextOffset));
  show($('attachments-empty'), list.children.length === 0);
}

// A new upload belongs at the end of the list (the API lists oldest first); shown at once when the
// last page is already on screen, otherwise it arrives with "Show more".
export function appendAttachment(a, onOpen) {
  if (!state.parent || state.nextOffset) return;
  const list = $('attachment-list');
  if (list.querySelector(`li[data-gid="${a.gid}"]`)) return;
  list.append(attachmentRow(a, onOpen));
  show($('attachments-empty'), false);
}

function attachmentRow(a, onOpen) {
  const meta = a.resource_subtype === 'external'
    ? ['link', formatDate(a.created_at)]
    : [formatBytes(a.size), formatDate(a.created_at)];
  return el('li', { 'data-gid': a.gid },
    el('button', { type: 'button', class: 'item attachment', onclick: () => onOpen(a.gid) },
      el('span', { class: 'name', text: a.name }),
      el('span', { class: 'meta', text: meta.filter(Boolean).join(' · ') })));
}

export function parentTitle(parent) {
  return `${LABELS[parent.resource_type].one[0].toUpperCase()}${LABELS[parent.resource_type].one.slice(1)}: ${parent.name || '(unnamed)'}`;
}
