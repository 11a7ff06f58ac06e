import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../src/cookies';

describe('parseSetCookie', () => {
  it('keeps every attribute the core writes, explicitly', () => {
    const parsed = parseSetCookie(
      '__Host-livepush_session=abc.DEF-_~; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure',
    );
    expect(parsed?.name).toBe('__Host-livepush_session');
    expect(parsed?.value).toBe('abc.DEF-_~');
    expect(parsed?.options).toMatchObject({
      path: '/',
      maxAge: 2592000,
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
    });
    // The value is written verbatim (SvelteKit would otherwise percent-encode it).
    expect(parsed?.options.encode?.('a%b')).toBe('a%b');
  });

  it('writes false where an attribute is absent, so SvelteKit defaults never apply', () => {
    expect(parseSetCookie('a=b; Max-Age=0')?.options).toMatchObject({
      path: '/',
      maxAge: 0,
      httpOnly: false,
      secure: false,
      sameSite: false,
    });
  });

  it('reads Domain, Expires, SameSite=Strict/None, Partitioned and a value with "="', () => {
    const parsed = parseSetCookie(
      'n=v=w; Domain=example.com; Path=/x; Expires=Wed, 21 Oct 2037 07:28:00 GMT; SameSite=None; Secure; Partitioned',
    );
    expect(parsed).toMatchObject({ name: 'n', value: 'v=w' });
    expect(parsed?.options).toMatchObject({
      domain: 'example.com',
      path: '/x',
      sameSite: 'none',
      partitioned: true,
    });
    expect(parsed?.options.expires?.toISOString()).toBe('2037-10-21T07:28:00.000Z');
    expect(parseSetCookie('s=1; SameSite=Strict')?.options.sameSite).toBe('strict');
  });

  it('ignores a line without a name', () => {
    expect(parseSetCookie('=x; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});
