import { cookie, expiredCookie, type LivepushCookie } from './cookies';

/** Browsers keep ~4096 bytes per cookie, name and attributes included: chunks stay well below. */
export const CHUNK_SIZE = 3800;
/** More chunks than this is not a session we wrote: treat as none. */
export const MAX_CHUNKS = 16;

/** Reads a possibly chunked cookie (`name`, or `name.0`, `name.1`, …); `null` when absent or incomplete. */
export function readChunked(cookies: ReadonlyMap<string, string>, name: string): string | null {
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

/** The names of every cookie that belongs to `name` among `cookies` (whole and chunks). */
export function chunkNames(cookies: ReadonlyMap<string, string>, name: string): string[] {
  const prefix = `${name}.`;
  return [...cookies.keys()].filter(
    (key) => key === name || (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))),
  );
}

/**
 * The cookies that store `value` under `name` (chunked when long), and the deletions of whatever the
 * browser still holds (`cookies`) that is no longer part of it (stale chunks).
 */
export function writeChunked(
  cookies: ReadonlyMap<string, string>,
  name: string,
  value: string,
  attributes: { maxAge: number; secure: boolean },
): LivepushCookie[] {
  const out: LivepushCookie[] = [];
  const written = new Set<string>();
  const add = (cookieName: string, part: string) => {
    out.push(cookie(cookieName, part, attributes.maxAge, attributes.secure));
    written.add(cookieName);
  };
  if (value.length <= CHUNK_SIZE) add(name, value);
  else
    for (let i = 0, offset = 0; offset < value.length; i++, offset += CHUNK_SIZE)
      add(`${name}.${i}`, value.slice(offset, offset + CHUNK_SIZE));
  for (const stale of chunkNames(cookies, name))
    if (!written.has(stale)) out.push(expiredCookie(stale, attributes.secure));
  return out;
}

/** The deletions of every cookie of `name` the browser holds (or of the plain name). */
export function clearChunked(
  cookies: ReadonlyMap<string, string>,
  name: string,
  secure: boolean,
): LivepushCookie[] {
  const names = chunkNames(cookies, name);
  return (names.length > 0 ? names : [name]).map((n) => expiredCookie(n, secure));
}
