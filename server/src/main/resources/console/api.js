// The page's only way to the server: the API under /api/1.0 and the session endpoints, with the
// session cookie (sent by the browser) and the CSRF token (kept in this module's memory only).

let csrfToken = null;

export function setCsrf(token) {
  csrfToken = token;
}

export function csrf() {
  return csrfToken;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

// Turns a status and Asana's error envelope into a sentence for a person, never raw JSON.
export function errorFor(status, body, retryAfter) {
  const message = body && Array.isArray(body.errors) && body.errors[0] ? body.errors[0].message : '';
  const phrase = body && Array.isArray(body.errors) && body.errors[0] ? body.errors[0].phrase : '';
  switch (status) {
    case 0: return new ApiError(0, 'The server did not answer. Is it still running?');
    case 401: return new ApiError(401, 'Your session has ended (signed out, expired or its token was revoked). Sign in again.');
    case 403:
      if (message.startsWith('X-CSRF-Token')) {
        return new ApiError(403, 'The page\'s security token was not accepted. Reload the page and try again.');
      }
      return new ApiError(403, `Not allowed: ${message || 'forbidden'}.`);
    case 404: return new ApiError(404, `Not found: ${message || 'it may have been deleted'}.`);
    case 413: return new ApiError(413, 'Too large: the limit is 100 MB per file.');
    case 429: return new ApiError(429, `Too many requests. Try again in ${retryAfter || 'a few'} seconds.`);
    default:
      if (status >= 500) {
        return new ApiError(status, `The server failed${phrase ? ` (incident "${phrase}")` : ''}. Try again.`);
      }
      return new ApiError(status, message || `The request failed (HTTP ${status}).`);
  }
}

export function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

// Sends a request; resolves with the parsed body, rejects with an ApiError.
export async function request(method, path, { json, form } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify({ data: json });
  } else if (form) {
    body = form;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw errorFor(0);
  }
  const parsed = parseJson(await response.text());
  if (!response.ok) throw errorFor(response.status, parsed, response.headers.get('Retry-After'));
  return parsed;
}

export const api = (path) => `/api/1.0${path}`;
