import { clearCookie, serializeCookie } from './cookies';

/** Browsers keep ~4096 bytes per cookie, name and attributes included: chunks stay well below. */
export const CHUNK_SIZE = 3800;
/** More chunks than this is not a session we wrote: treat as none. */
export const MAX_CHUNKS = 16;

/** Reads a possibly chunked cookie (`name`, or `name.0`, `name.1`, …); `null` when absent or incomplete. */
export function readChunked(cookies: Map<string, string>, name: string): string | null {
  const whole = cookies.get(name);
  if (whole !== undefined) return whole;
  let value = '';
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const chunk = cookies.get(`${name}.${i}`);
    if (chunk === undefined) return i === 0 ? null : value;
    value += chunk;
  }
  return null;
}

/** The names of every cookie that belongs to `name` in this request (whole and chunks). */
export function chunkNames(cookies: Map<string, string>, name: string): string[] {
  const prefix = `${name}.`;
  return [...cookies.keys()].filter(
    (key) => key === name || (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))),
  );
}

/**
 * `Set-Cookie` values that store `value` under `name` (chunked when long) and clear whatever the
 * request still carries that is no longer part of it (stale chunks).
 */
export function writeChunked(
  cookies: Map<string, string>,
  name: string,
  value: string,
  attributes: { maxAge: number; secure: boolean },
): string[] {
  const out: string[] = [];
  const written = new Set<string>();
  if (value.length <= CHUNK_SIZE) {
    out.push(serializeCookie(name, value, attributes));
    written.add(name);
  } else {
    for (let i = 0, offset = 0; offset < value.length; i++, offset += CHUNK_SIZE) {
      const chunkName = `${name}.${i}`;
      out.push(serializeCookie(chunkName, value.slice(offset, offset + CHUNK_SIZE), attributes));
      written.add(chunkName);
    }
  }
  for (const stale of chunkNames(cookies, name))
    if (!written.has(stale)) out.push(clearCookie(stale, attributes.secure));
  return out;
}

/** `Set-Cookie` values that clear every cookie of `name` the request carries (or the plain name). */
export function clearChunked(cookies: Map<string, string>, name: string, secure: boolean): string[] {
  const names = chunkNames(cookies, name);
  return (names.length > 0 ? names : [name]).map((n) => clearCookie(n, secure));
}
