// Uploads with one row each: a progress bar fed by XMLHttpRequest's upload events (fetch has
// none), a Cancel button, and the outcome or error in words.
import { el, formatBytes } from './dom.js';
import { api, csrf, errorFor, parseJson, MAX_UPLOAD_BYTES } from './api.js';

export function uploadAll(files, parentGid, list, onUploaded, onSessionEnded) {
  for (const file of files) {
    list.append(uploadRow(file, parentGid, onUploaded, onSessionEnded));
  }
}

function uploadRow(file, parentGid, onUploaded, onSessionEnded) {
  const progress = el('progress', { max: Math.max(file.size, 1), value: 0, 'aria-label': `Upload of ${file.name}` });
  const status = el('span', { class: 'status', text: 'Waiting…' });
  const cancel = el('button', { type: 'button', text: 'Cancel', 'aria-label': `Cancel upload of ${file.name}` });
  const dismiss = el('button', { type: 'button', text: 'Dismiss', hidden: true, 'aria-label': `Dismiss ${file.name}` });
  const row = el('li', { class: 'upload', 'data-name': file.name, 'data-state': 'waiting' },
    el('span', { class: 'name', text: file.name }),
    el('span', { class: 'size', text: formatBytes(file.size) }),
    progress, status, cancel, dismiss);
  dismiss.addEventListener('click', () => row.remove());

  const finish = (state, message) => {
    row.dataset.state = state;
    status.textContent = message;
    row.classList.toggle('failed', state === 'failed' || state === 'cancelled');
    cancel.hidden = true;
    dismiss.hidden = false;
  };

  // The server would refuse it too, but only after the whole body had been sent.
  if (file.size > MAX_UPLOAD_BYTES) {
    finish('failed', `Not sent: ${formatBytes(file.size)} is over the 100 MB limit.`);
    return row;
  }

  const xhr = new XMLHttpRequest();
  xhr.open('POST', api('/attachments?opt_fields=name,resource_subtype,size,created_at'));
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.setRequestHeader('X-CSRF-Token', csrf() || '');
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) {
      progress.max = e.total;
      progress.value = e.loaded;
      status.textContent = `${Math.floor((100 * e.loaded) / e.total)}%`;
    }
  });
  xhr.addEventListener('load', () => {
    if (xhr.status === 200 || xhr.status === 201) {
      progress.value = progress.max;
      finish('done', 'Uploaded');
      const body = parseJson(xhr.responseText);
      if (body && body.data) onUploaded(body.data);
    } else {
      const error = errorFor(xhr.status, parseJson(xhr.responseText), xhr.getResponseHeader('Retry-After'));
      finish('failed', error.message);
      if (xhr.status === 401) onSessionEnded(error);
    }
  });
  xhr.addEventListener('error', () => finish('failed', errorFor(0).message));
  xhr.addEventListener('abort', () => finish('cancelled', 'Cancelled'));
  cancel.addEventListener('click', () => xhr.abort());

  const form = new FormData();
  form.append('parent', parentGid); // before the file: the server reads the form as it streams in
  form.append('file', file, file.name);
  row.dataset.state = 'sending';
  status.textContent = '0%';
  xhr.send(form);
  return row;
}
