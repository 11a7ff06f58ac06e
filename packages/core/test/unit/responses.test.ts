import { afterEach, describe, expect, it, vi } from 'vitest';
import { LivepushAuthError } from '../../src/errors';
import { errorResponse } from '../../src/server/error-response';
import { emptyResponse, jsonResponse, proxiedResponse, redirectResponse } from '../../src/server/responses';

const INERT = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

/** Every header of a response, Set-Cookie lines kept apart. */
function headersOf(response: Response): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.fromEntries(
    [...response.headers].filter(([name]) => name !== 'set-cookie'),
  );
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

describe('responses: the fixed headers are built once and copied, never shared', () => {
  it('each kind of response has the inert headers and only its own extras', async () => {
    const json = jsonResponse({ a: 1 }, 201, ['a=1; Path=/']);
    expect(json.status).toBe(201);
    expect(headersOf(json)).toEqual({
      ...INERT,
      'content-type': 'application/json; charset=utf-8',
      'set-cookie': ['a=1; Path=/'],
    });
    expect(await json.json()).toEqual({ a: 1 });

    const empty = emptyResponse(204);
    expect([empty.status, empty.body]).toEqual([204, null]);
    expect(headersOf(empty)).toEqual(INERT);

    const redirect = redirectResponse('/signed-in', ['b=2; Path=/', 'c=3; Path=/']);
    expect(redirect.status).toBe(302);
    expect(headersOf(redirect)).toEqual({
      ...INERT,
      location: '/signed-in',
      'set-cookie': ['b=2; Path=/', 'c=3; Path=/'],
    });

    const proxied = proxiedResponse(200, new TextEncoder().encode('[1]'), { etag: '"v1"' }, []);
    expect(headersOf(proxied)).toEqual({
      ...INERT,
      'content-type': 'application/json; charset=utf-8',
      etag: '"v1"',
    });
    expect(await proxied.json()).toEqual([1]);

    const notModified = proxiedResponse(304, null, null, []);
    expect([notModified.status, notModified.body]).toEqual([304, null]);
    expect(headersOf(notModified)).toEqual(INERT);
  });

  it('what one response adds (cookies, Location, ETag, Retry-After, a header set later) never shows up on the next', () => {
    const first = [
      jsonResponse({}, 200, ['session=x; Path=/']),
      redirectResponse('/elsewhere', ['tx=y; Path=/']),
      proxiedResponse(200, new Uint8Array([0x7b, 0x7d]), { etag: '"v2"', 'retry-after': '5' }, [
        't=z; Path=/',
      ]),
      errorResponse(new LivepushAuthError('api_error', 'busy', { status: 503, retryAfterSeconds: 7 })),
    ];
    for (const response of first) {
      response.headers.set('x-added-later', '1');
      response.headers.set('cache-control', 'public');
    }
    expect(first[3]!.headers.get('retry-after')).toBe('7');

    for (const next of [
      jsonResponse({}),
      emptyResponse(204),
      proxiedResponse(200, new Uint8Array([0x5b, 0x5d]), null, []),
      proxiedResponse(204, null, null, []),
      redirectResponse('/'),
    ]) {
      const headers = headersOf(next);
      for (const name of ['set-cookie', 'etag', 'retry-after', 'x-added-later'])
        expect([name, headers[name]]).toEqual([name, undefined]);
      expect(headers['cache-control']).toBe('no-store');
      expect(headers.location === undefined || headers.location === '/').toBe(true);
    }
  });

  afterEach(() => vi.unstubAllGlobals());

  it('nothing leaks either with a Response that keeps its init Headers by reference (as @hono/node-server’s does)', () => {
    const Native = Response;
    // A Response whose `headers` is the very Headers object it was given, as a lightweight
    // implementation may keep it; spec-compliant ones copy it.
    class ByReference extends Native {
      readonly #headers: Headers | undefined;
      constructor(body?: BodyInit | null, init?: ResponseInit) {
        super(body, init);
        this.#headers = init?.headers instanceof Headers ? init.headers : undefined;
      }
      override get headers(): Headers {
        return this.#headers ?? super.headers;
      }
    }
    vi.stubGlobal('Response', ByReference);
    const first = jsonResponse({}, 200, ['a=1; Path=/']);
    expect(first.headers.getSetCookie()).toEqual(['a=1; Path=/']);
    expect(redirectResponse('/', ['b=2; Path=/']).headers.getSetCookie()).toEqual(['b=2; Path=/']);
    expect(jsonResponse({}).headers.getSetCookie()).toEqual([]);
    expect(emptyResponse(204).headers.getSetCookie()).toEqual([]);
  });
});
