import { LivepushAuthError } from '../errors';
import { cookie, cookieCost, expiredCookie, type LivepushCookie } from './cookies';

/**
 * The most Livepush Auth's cookies add to one request's `Cookie` header, all together: 8 KiB, what
 * stock servers accept in one header line (nginx's default buffer, Node's whole header limit is 16).
 * It is shared by the session and at most {@link TRANSACTION_COOKIE_MAX} of pending sign-ins.
 */
export const COOKIE_HEADER_BUDGET = 8 * 1024;
/** The most one pending sign-in's cookie may cost (`name=value; `): far below a browser's 4,096 B. */
export const TRANSACTION_COOKIE_MAX = 2 * 1024;
/**
 * The most a session's cookies may cost, all together: the budget less one pending sign-in (6 KiB).
 * A cookie session counts both of its cookies: the one sealed at sign-in (all chunks) and the token
 * cookie its refreshes write (`<name>-<sid>`).
 */
export const SESSION_COOKIE_MAX = COOKIE_HEADER_BUDGET - TRANSACTION_COOKIE_MAX;
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

/** What the cookies of `name` (whole or chunks) the browser holds add to its `Cookie` header. */
export function chunkedCost(cookies: ReadonlyMap<string, string>, name: string): number {
  let cost = 0;
  for (const key of chunkNames(cookies, name)) cost += cookieCost(key, cookies.get(key)!);
  return cost;
}

/**
 * The cookies that store `value` under `name` (chunked when long), and the deletions of whatever the
 * browser still holds (`cookies`) that is no longer part of it (stale chunks). `besides` is what the
 * session's other cookie takes (the token cookie a sign-in's refreshes will write, or the sign-in
 * cookie next to a refresh's token cookie).
 * @throws {LivepushAuthError} `session_error` when the chunks and `besides` would cost more than
 *   {@link SESSION_COOKIE_MAX}: cookies that large (a big profile) would make stock servers refuse
 *   every request of this browser, so they are never written.
 */
export function writeChunked(
  cookies: ReadonlyMap<string, string>,
  name: string,
  value: string,
  attributes: { maxAge: number; secure: boolean },
  besides = 0,
  tooLarge?: (cost: number) => LivepushAuthError,
): LivepushCookie[] {
  const parts = chunksOf(name, value);
  const cost = costOf(parts) + besides;
  if (cost > SESSION_COOKIE_MAX) {
    if (tooLarge) throw tooLarge(cost);
    throw new LivepushAuthError(
      'session_error',
      `The session would take ${cost} bytes of cookies, more than the ${SESSION_COOKIE_MAX} a cookie session may (servers refuse a Cookie header over 8 KiB). Keep sessions in a store (store: createMemoryStore() or createRedisStore()), or keep a smaller profile (fetchUser).`,
    );
  }
  const out = parts.map(([part, text]) => cookie(part, text, attributes.maxAge, attributes.secure));
  for (const stale of chunkNames(cookies, name))
    if (!parts.some(([part]) => part === stale)) out.push(expiredCookie(stale, attributes.secure));
  return out;
}

/** The cookies (name, value) that hold `value` under `name`: itself, or chunks `name.0`, `name.1`, … */
function chunksOf(name: string, value: string): [string, string][] {
  if (value.length <= CHUNK_SIZE) return [[name, value]];
  const parts: [string, string][] = [];
  for (let i = 0, offset = 0; offset < value.length; i++, offset += CHUNK_SIZE)
    parts.push([`${name}.${i}`, value.slice(offset, offset + CHUNK_SIZE)]);
  return parts;
}

const costOf = (parts: [string, string][]) =>
  parts.reduce((sum, [part, text]) => sum + cookieCost(part, text), 0);

/** What `value` written under `name` by {@link writeChunked} adds to a `Cookie` header. */
export function writtenCost(name: string, value: string): number {
  return costOf(chunksOf(name, value));
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
