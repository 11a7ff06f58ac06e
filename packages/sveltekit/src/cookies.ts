import type { Cookies } from '@sveltejs/kit';

/** The options `event.cookies.set` takes (the `cookie` package's serialize options plus a required path). */
export type KitCookieOptions = Parameters<Cookies['set']>[2];

/** One parsed `Set-Cookie` value, in the shape `event.cookies.set(name, value, options)` takes. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  options: KitCookieOptions;
}

/** The core already encoded the value (base64url and the like): SvelteKit must write it as is. */
const verbatim = (value: string) => value;

/**
 * Parses a `Set-Cookie` header value written by `@livepush/auth-core` into `event.cookies.set` arguments,
 * keeping every attribute explicit so SvelteKit's defaults (e.g. `Secure` on http://127.0.0.1) never change it.
 */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const options: KitCookieOptions = {
    path: '/',
    httpOnly: false,
    secure: false,
    sameSite: false,
    encode: verbatim,
  };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path') options.path = value || '/';
    else if (key === 'max-age' && /^-?\d+$/.test(value)) options.maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) options.expires = new Date(value);
    else if (key === 'domain' && value) options.domain = value;
    else if (key === 'httponly') options.httpOnly = true;
    else if (key === 'secure') options.secure = true;
    else if (key === 'partitioned') options.partitioned = true;
    else if (key === 'samesite') {
      const mode = value.toLowerCase();
      if (mode === 'lax' || mode === 'strict' || mode === 'none') options.sameSite = mode;
    }
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), options };
}

/**
 * Writes `Set-Cookie` values through SvelteKit's `event.cookies`, so they reach whatever response
 * SvelteKit ends up sending (a page, `__data.json`, an action result, a redirect thrown from `load`).
 * Returns the values it could not write (SvelteKit refuses once the response has been generated).
 */
export function writeCookies(cookies: Cookies, setCookies: readonly string[]): string[] {
  const unwritten: string[] = [];
  for (const line of setCookies) {
    const parsed = parseSetCookie(line);
    if (!parsed) continue;
    try {
      if (parsed.options.maxAge === 0) cookies.delete(parsed.name, parsed.options);
      else cookies.set(parsed.name, parsed.value, parsed.options);
    } catch {
      unwritten.push(line);
    }
  }
  return unwritten;
}
