/** The longest `returnTo` kept, counted after percent-encoding. */
const MAX_LENGTH = 2048;

/**
 * A same-origin path to send the user back to, or `fallback`. Accepts only paths that start with a
 * single `/` and stay on `origin` once a browser resolves them: no `//host`, `/\host`, schemes,
 * encoded slashes or backslashes, control characters or whitespace tricks; at most 2,048 characters
 * once percent-encoded.
 */
export function safeReturnTo(value: string | null | undefined, origin: string, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return fallback;
  if (value[0] !== '/' || value[1] === '/' || value[1] === '\\') return fallback;
  // Control characters and whitespace (browsers strip tabs/newlines, which can turn `/\t/evil` into `//evil`).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff\\]/.test(value))
    return fallback;
  // Encoded slashes, backslashes, control characters or percent signs (double encoding) may be
  // decoded by something downstream into a different path.
  const path = value.split(/[?#]/, 1)[0]!;
  if (/%(?:2f|5c|25|0[0-9a-f]|1[0-9a-f]|7f)/i.test(path)) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const result = url.pathname + url.search + url.hash;
  // The length that counts is the encoded one (`é` is 6 characters once in a URL): it is what is stored.
  if (result.length > MAX_LENGTH) return fallback;
  // Dot segments can normalise `/@x/..//evil` into `//evil`: check what a browser would follow.
  return result.startsWith('//') || result.startsWith('/\\') ? fallback : result;
}

/** Adds `error=<code>` to a same-origin path (for a redirect that reports a failed sign-in). */
export function withErrorParam(path: string, origin: string, code: string): string {
  const url = new URL(path, origin);
  url.searchParams.set('error', code);
  return url.pathname + url.search + url.hash;
}
