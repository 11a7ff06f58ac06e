/** Attributes of a cookie we set. */
export interface CookieAttributes {
  maxAge: number;
  secure: boolean;
  path?: string;
}

/** Parses a `Cookie` header into a map (first occurrence wins, as browsers send the most specific first). */
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

/** A `Set-Cookie` value: always HttpOnly and SameSite=Lax; Secure on https. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  let cookie = `${name}=${value}; Path=${attributes.path ?? '/'}; Max-Age=${Math.max(0, Math.floor(attributes.maxAge))}; HttpOnly; SameSite=Lax`;
  if (attributes.secure) cookie += '; Secure';
  return cookie;
}

/** A `Set-Cookie` value that deletes the cookie. */
export function clearCookie(name: string, secure: boolean): string {
  return serializeCookie(name, '', { maxAge: 0, secure });
}
