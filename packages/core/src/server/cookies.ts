/**
 * Cookies as values. Core records every cookie a response must set as a {@link LivepushCookie}; the
 * per-request context hands them to a framework's own cookie API (`onCookie`) or serializes them
 * into `Set-Cookie` headers ({@link serializeCookie}). Nothing in core or an adapter parses one back.
 */

/** The attributes of every cookie Livepush Auth sets: HttpOnly, `SameSite=Lax`, `Secure` on https. */
export interface LivepushCookieOptions {
  /**
   * `/` for the session (and, on https, for pending sign-ins: the `__Host-` prefix requires it); on
   * http a pending sign-in's cookie is scoped to the directory of the callback (`/auth`), so the
   * app's own pages never carry it.
   */
  path: string;
  /** Lifetime in seconds; `0` deletes the cookie. */
  maxAge: number;
  /** Always `true`: page scripts never read a Livepush cookie. */
  httpOnly: boolean;
  /** `true` when the app runs on https (its `redirectUri`). */
  secure: boolean;
  /** Always `'lax'`: sent on top-level navigations back from Livepush, not on cross-site requests. */
  sameSite: 'lax';
}

/**
 * One cookie a response must set (or delete, with `maxAge: 0` and an empty value). `value` is
 * already safe for a cookie (base64url and the like): write it as is, without encoding it again.
 */
export interface LivepushCookie {
  readonly name: string;
  readonly value: string;
  readonly options: Readonly<LivepushCookieOptions>;
}

/** Parses a `Cookie` header into a map (first occurrence wins, as browsers send the most specific first). @internal */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    cookies.set(name, value);
  }
  return cookies;
}

/** A cookie with Livepush Auth's attributes. @internal */
export function cookie(
  name: string,
  value: string,
  maxAge: number,
  secure: boolean,
  path = '/',
): LivepushCookie {
  return {
    name,
    value,
    options: { path, maxAge: Math.max(0, Math.floor(maxAge)), httpOnly: true, secure, sameSite: 'lax' },
  };
}

/** The cookie that deletes `name` (set at `path`). @internal */
export function expiredCookie(name: string, secure: boolean, path = '/'): LivepushCookie {
  return cookie(name, '', 0, secure, path);
}

/**
 * What one cookie adds to a request's `Cookie` header: `name=value` and the `; ` before the next.
 * @internal
 */
export function cookieCost(name: string, value: string): number {
  return name.length + 1 + value.length + 2;
}

/**
 * The `Set-Cookie` header value of a cookie, for servers that write headers themselves.
 *
 * @example response.headers.append('set-cookie', serializeCookie(cookie))
 */
export function serializeCookie({ name, value, options }: LivepushCookie): string {
  let line = `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}`;
  if (options.httpOnly) line += '; HttpOnly';
  line += '; SameSite=Lax';
  if (options.secure) line += '; Secure';
  return line;
}
