import type { LivepushCookie, LivepushCookieOptions } from '@livepush/auth-core/server';

/**
 * The request side of cookies: what the browser holds, read from a `Cookie` header, and that header
 * rewritten with the cookies a response is about to set (so the rest of the request sees them).
 * `Set-Cookie` is never parsed: the cookies come from the core as values.
 */

/** A `Cookie` header as name → raw value (first occurrence wins, as in the core). @internal */
export function cookieMap(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * `header` as the browser will send it once `cookies` are set: their names replaced (a deletion,
 * `maxAge: 0`, removes the name), every other cookie kept byte for byte. `null` when none is left.
 * @internal
 */
export function withCookies(header: string | null, cookies: readonly LivepushCookie[]): string | null {
  if (cookies.length === 0) return header;
  const changed = new Map(cookies.map((cookie) => [cookie.name, cookie]));
  const kept = (header?.split(';') ?? []).filter((part) => {
    const eq = part.indexOf('=');
    return part.trim() !== '' && !changed.has((eq < 0 ? part : part.slice(0, eq)).trim());
  });
  const parts = [
    ...kept.map((part) => part.trim()),
    ...[...changed.values()].filter((c) => c.options.maxAge > 0).map((c) => `${c.name}=${c.value}`),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}

/** The options Next.js' cookie APIs (`cookies().set`, `NextResponse.cookies.set`) take for a core cookie. @internal */
export function nextCookieOptions(options: Readonly<LivepushCookieOptions>) {
  return {
    path: options.path,
    maxAge: options.maxAge,
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite: options.sameSite,
  };
}
