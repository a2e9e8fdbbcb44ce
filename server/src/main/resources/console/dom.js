// Builds elements from data with textContent and properties only, never innerHTML, so names and
// URLs from the server are always text.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key.startsWith('aria-') || key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function show(node, visible) {
  node.hidden = !visible;
}

export function formatBytes(n) {
  if (n === undefined || n === null) return '';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

// "510 bytes", or "1.5 MB (1,572,864 bytes)": the exact count only where the short form rounds.
export function formatSize(n) {
  if (n === undefined || n === null) return '';
  const short = formatBytes(n);
  return n < 1024 ? short : `${short} (${n.toLocaleString()} bytes)`;
}

// The path and query of a URL of this server, to be fetched from the page's own origin: the server's
// public URL may name another host (127.0.0.1 for a page opened at localhost), which the page's
// Content-Security-Policy and the session cookie do not reach. Signed download URLs hold no host.
export function sameOrigin(url) {
  const parsed = new URL(url, window.location.href);
  return parsed.pathname + parsed.search;
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

// Only http(s) links become clickable; anything else (javascript:, data:) stays text.
export function isWebUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
