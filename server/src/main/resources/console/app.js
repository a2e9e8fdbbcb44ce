// The console's entry point: session, wiring of the page's controls, and errors shown as sentences.
import { $, show } from './dom.js';
import { api, request, setCsrf, ApiError } from './api.js';
import {
  state, fillWorkspaces, setType, loadParents, markPicked, loadAttachments, appendAttachment, parentTitle,
} from './browse.js';
import {
  openDetails, closeDetails, currentAttachment, copyPermanentUrl, confirmDelete, downloadCurrent,
} from './details.js';
import { uploadAll } from './uploads.js';

function notify(message, kind = 'info') {
  const notice = $('notice');
  notice.textContent = message;
  notice.className = kind;
  show(notice, Boolean(message));
}

function signedOut(message) {
  setCsrf(null);
  closeDetails();
  state.parent = null;
  show($('app'), false);
  show($('who'), false);
  show($('sign-in'), true);
  notify(message || '', 'info');
  $('token').focus();
}

// Runs an action; a failure becomes a message in the page, and an ended session leads to sign-in.
async function run(action) {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signedOut(e.message);
    } else {
      notify(e instanceof ApiError ? e.message : `Something went wrong in the page: ${e.message}`, 'error');
    }
    return undefined;
  }
}

async function signIn(event) {
  event.preventDefault();
  const input = $('token');
  const error = $('sign-in-error');
  show(error, false);
  try {
    const body = await request('POST', '/console/session', { json: { token: input.value.trim() } });
    input.value = ''; // the session cookie stands in for the token from here on
    setCsrf(body.data.csrf_token);
    await enter();
  } catch (e) {
    error.textContent = e.status === 401
      ? 'That token was not accepted: it is unknown, mistyped or revoked.'
      : e.message;
    show(error, true);
  }
}

async function enter() {
  const me = (await request('GET', api('/users/me'))).data;
  $('who-name').textContent = `${me.name} <${me.email}>`;
  show($('who'), true);
  show($('sign-in'), false);
  show($('app'), true);
  notify('');
  fillWorkspaces(me.workspaces);
  setType('task');
  await loadParents(pickParent);
}

async function pickParent(parent) {
  notify(''); // a notice belongs to the view it was raised in
  state.parent = parent;
  state.nextOffset = null;
  markPicked(parent.gid);
  closeDetails();
  $('parent-title').textContent = parentTitle(parent);
  show($('pick-parent'), false);
  show($('parent-pane'), true);
  $('uploads').replaceChildren();
  await run(() => loadAttachments(openAttachment));
}

function clearParent() {
  notify('');
  state.parent = null;
  closeDetails();
  $('parent-title').textContent = 'Attachments';
  show($('pick-parent'), true);
  show($('parent-pane'), false);
}

async function openAttachment(gid) {
  await run(async () => {
    await openDetails(gid);
    $('details-title').focus();
  });
}

async function deleteCurrent() {
  const a = currentAttachment();
  if (!a || !(await confirmDelete(a))) return;
  await run(async () => {
    await request('DELETE', api(`/attachments/${a.gid}`));
    closeDetails();
    const row = $('attachment-list').querySelector(`li[data-gid="${a.gid}"]`);
    if (row) row.remove();
    show($('attachments-empty'), $('attachment-list').children.length === 0);
    notify(`Deleted “${a.name}”.`);
  });
}

async function createParent(event) {
  event.preventDefault();
  const name = $('parent-name').value.trim();
  if (!name) return;
  await run(async () => {
    const path = state.type === 'project' ? '/projects' : '/tasks';
    const created = (await request('POST', api(path), { json: { workspace: state.workspace, name } })).data;
    $('parent-name').value = '';
    await loadParents(pickParent);
    await pickParent(created);
    notify(`Created “${created.name}”.`);
  });
}

async function attachLink(event) {
  event.preventDefault();
  const form = new FormData();
  form.append('parent', state.parent.gid);
  form.append('resource_subtype', 'external');
  form.append('url', $('link-url').value.trim());
  form.append('name', $('link-name').value.trim());
  await run(async () => {
    await request('POST', api('/attachments?opt_fields=name'), { form });
    $('link-form').reset();
    notify('Link attached.');
    await loadAttachments(openAttachment);
  });
}

function upload(files) {
  if (!state.parent || files.length === 0) return;
  const parentGid = state.parent.gid;
  uploadAll(files, parentGid, $('uploads'),
    (created) => {
      if (state.parent && state.parent.gid === parentGid) appendAttachment(created, openAttachment);
    },
    (error) => signedOut(error.message));
}

async function signOut() {
  await run(async () => {
    await request('DELETE', '/console/session');
    signedOut('Signed out.');
  });
}

function wire() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('workspace').addEventListener('change', (e) => {
    state.workspace = e.target.value;
    clearParent();
    run(() => loadParents(pickParent));
  });
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => {
      setType(tab.dataset.type);
      run(() => loadParents(pickParent));
    });
  }
  $('create-parent').addEventListener('submit', createParent);
  $('link-form').addEventListener('submit', attachLink);
  $('more').addEventListener('click', () => run(() => loadAttachments(openAttachment, { more: true })));
  $('files').addEventListener('change', (e) => {
    upload([...e.target.files]);
    e.target.value = '';
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    upload([...e.dataTransfer.files]);
  });
  $('copy-url').addEventListener('click', copyPermanentUrl);
  $('download').addEventListener('click', (e) => run(() => downloadCurrent(e)));
  $('delete').addEventListener('click', deleteCurrent);
}

async function start() {
  wire();
  try {
    const session = await request('GET', '/console/session');
    setCsrf(session.data.csrf_token);
    await run(enter);
  } catch (e) {
    signedOut(e.status === 401 ? '' : e.message);
  }
}

start();
