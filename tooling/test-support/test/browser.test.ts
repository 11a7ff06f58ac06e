import { afterEach, describe, expect, it } from 'vitest';
import { Browser, type ServedApp, secretScanner, serve, tokenLeaks } from '../src/index';

/** A tiny app: `/set?name=value` sets a cookie, `/expire?how=` deletes it, `/echo` answers with the Cookie header. */
const app = async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  const headers = new Headers();
  if (url.pathname === '/set')
    for (const [k, v] of url.searchParams) headers.append('set-cookie', `${k}=${v}; Path=/; HttpOnly`);
  if (url.pathname === '/expire') {
    const how = url.searchParams.get('how');
    headers.append(
      'set-cookie',
      how === 'max-age'
        ? 'a=gone; Max-Age=0'
        : how === 'expires'
          ? 'a=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT'
          : 'a=; Path=/',
    );
  }
  if (url.pathname === '/go') return new Response(null, { status: 302, headers: { location: '/set?b=2' } });
  return Response.json(
    { cookie: request.headers.get('cookie'), origin: request.headers.get('origin') },
    { headers },
  );
};

let served: ServedApp | undefined;
afterEach(() => served?.close());

describe('Browser', () => {
  it('keeps cookies as a browser does and deletes them by Max-Age=0, a past Expires or an empty value', async () => {
    for (const how of ['max-age', 'expires', 'empty']) {
      const browser = new Browser(app);
      await browser.app('/set?a=1&b=2');
      expect(await (await browser.app('/echo')).json()).toMatchObject({ cookie: 'a=1; b=2' });
      await browser.app(`/expire?how=${how}`);
      expect([...browser.jar]).toEqual([['b', '2']]);
    }
  });

  it('follows redirects, records what the app sent, and adds Origin to unsafe requests only when asked', async () => {
    const browser = new Browser(app, { sendOrigin: true });
    const { url, response } = await browser.navigate('/go');
    expect(url.pathname + url.search).toBe('/set?b=2');
    expect(response?.status).toBe(200);
    expect(browser.requests).toEqual(['GET /go', 'GET /set']);
    expect(browser.locations).toEqual(['/set?b=2']);
    expect(await (await browser.app('/echo', { method: 'POST' })).json()).toMatchObject({
      origin: browser.origin,
    });
    expect(await (await new Browser(app).app('/echo', { method: 'POST' })).json()).toMatchObject({
      origin: null,
    });
  });

  it('drives an app over HTTP the same way', async () => {
    served = await serve(() => app);
    const browser = new Browser(served.origin);
    await browser.app('/set?a=1');
    expect(await (await browser.app('/echo')).json()).toMatchObject({ cookie: 'a=1' });
    expect(browser.origin).toBe(served.origin);
  });
});

describe('secretScanner', () => {
  it('finds the values it knows, shortened', () => {
    const scanner = secretScanner(['super-secret-value-123']);
    scanner.add('another-secret-9999');
    expect(scanner.leaks('nothing here', 'x another-secret-9999 y')).toEqual(['another-…']);
    expect(scanner.leaks('clean')).toEqual([]);
  });

  it('tokenLeaks looks for the tokens the mock issued', () => {
    const mock = {
      issuedTokens: () => ({ accessTokens: ['uatin87h3m1opd908pa9sd'], refreshTokens: ['rt-0123456789'] }),
    };
    expect(tokenLeaks(mock, '{"ok":true}')).toEqual([]);
    expect(tokenLeaks(mock, 'a', 'Bearer uatin87h3m1opd908pa9sd')).toEqual(['uatin87h…']);
  });
});
