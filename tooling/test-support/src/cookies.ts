/**
 * A session's token cookie, `livepush_session-<session id>`: where a refresh writes the new tokens
 * (never to the sign-in cookie `livepush_session`, so a refresh answered after a sign-out lands where
 * nobody reads). Matches the name alone and the start of a `name=value` or `Set-Cookie` line.
 */
export const TOKEN_COOKIE = /^livepush_session-[\w-]{16}(?==|$)/;

/** The token cookie's value among `cookies` (a cookie jar, a parsed `Cookie` header), if any. */
export function tokenCookie(cookies: ReadonlyMap<string, string>): string | undefined {
  for (const [name, value] of cookies) if (TOKEN_COOKIE.test(name)) return value;
  return undefined;
}
