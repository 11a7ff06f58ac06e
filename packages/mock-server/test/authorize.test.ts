import { describe, expect, it } from 'vitest';
import { LIVEPUSH_MOCK_SCOPES } from '../src/index';
import { authorize, authorizeParams, pkcePair, REDIRECT_URI, redirectQuery, startMock } from './helpers';

async function expectErrorPage(response: Response, fragment: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get('location')).toBeNull();
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await response.text()).toContain(fragment);
}

describe('GET /oauth2/authorize: errors that must not redirect (RFC 6749 §4.1.2.1)', () => {
  it('shows an error page for a missing or unknown client_id', async () => {
    const mock = await startMock();
    const { client_id: _omitted, ...withoutClient } = authorizeParams();
    await expectErrorPage(await authorize(mock, withoutClient), 'client_id');
    await expectErrorPage(await authorize(mock, authorizeParams({ client_id: 'nobody' })), 'nobody');
  });

  it('shows an error page for a missing or unregistered redirect_uri', async () => {
    const mock = await startMock();
    const { redirect_uri: _omitted, ...withoutRedirect } = authorizeParams();
    await expectErrorPage(await authorize(mock, withoutRedirect), 'redirect_uri');
    for (const uri of [
      'https://evil.example/callback',
      'https://127.0.0.1:5173/auth/callback', // loopback, but not http
      'http://127.0.0.1.evil.example/cb',
      'http://127.0.0.1:5173/auth/callback#fragment',
      'not a url',
    ]) {
      await expectErrorPage(await authorize(mock, authorizeParams({ redirect_uri: uri })), 'not registered');
    }
  });

  it('requires an exact match for registered clients, any port on loopback (RFC 8252 §7.3)', async () => {
    const mock = await startMock({
      clients: [
        {
          clientId: 'web',
          clientSecret: 's',
          redirectUris: ['https://app.example/cb', 'http://localhost:3000/cb'],
        },
      ],
    });
    const params = (redirect_uri: string) => authorizeParams({ client_id: 'web', redirect_uri });
    mock.setConsent('approve');
    expect(
      redirectQuery(await authorize(mock, params('https://app.example/cb')), 'https://app.example/cb').get(
        'code',
      ),
    ).toBeTruthy();
    expect(
      redirectQuery(
        await authorize(mock, params('http://localhost:4999/cb')),
        'http://localhost:4999/cb',
      ).has('code'),
    ).toBe(true);
    await expectErrorPage(await authorize(mock, params('https://app.example/cb/')), 'not registered');
    await expectErrorPage(await authorize(mock, params('https://app.example/cb?x=1')), 'not registered');
    await expectErrorPage(await authorize(mock, params('http://localhost:3000/other')), 'not registered');
    await expectErrorPage(await authorize(mock, params(REDIRECT_URI)), 'not registered');
  });

  it('accepts any loopback host and port for the default client', async () => {
    const mock = await startMock({ consent: 'approve' });
    for (const uri of [
      'http://localhost:1/cb',
      'http://[::1]:65535/auth/callback',
      'http://127.0.0.1/x?keep=1',
    ]) {
      const query = redirectQuery(await authorize(mock, authorizeParams({ redirect_uri: uri })), uri);
      expect(query.get('code')).toMatch(/^[\w-]{20,}$/);
      expect(query.get('state')).toBe('st4te-123');
      if (uri.includes('keep=1')) expect(query.get('keep')).toBe('1');
    }
  });
});

describe('GET /oauth2/authorize: errors sent back to the client', () => {
  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ response_type: '' }, 'invalid_request'],
    [{ scope: 'profile.read streams.fly' }, 'invalid_scope'],
    [{ scope: '' }, 'invalid_scope'],
    [{ scope: ' , ' }, 'invalid_scope'],
    [{ code_challenge: pkcePair().challenge, code_challenge_method: 'plain' }, 'invalid_request'],
    [{ code_challenge: pkcePair().challenge }, 'invalid_request'], // method defaults to plain
    [{ code_challenge_method: 'S256' }, 'invalid_request'],
    [{ code_challenge: 'too-short', code_challenge_method: 'S256' }, 'invalid_request'],
  ])('%o → error=%s with the state', async (overrides, error) => {
    const mock = await startMock({ consent: 'approve' });
    const query = redirectQuery(await authorize(mock, authorizeParams(overrides)));
    expect(query.get('error')).toBe(error);
    expect(query.get('error_description')).toBeTruthy();
    expect(query.get('state')).toBe('st4te-123');
    expect(query.has('code')).toBe(false);
  });

  it('rejects a missing response_type or scope, and repeated parameters', async () => {
    const mock = await startMock({ consent: 'approve' });
    const { scope: _s, ...noScope } = authorizeParams();
    expect(redirectQuery(await authorize(mock, noScope)).get('error')).toBe('invalid_scope');
    const { response_type: _r, ...noType } = authorizeParams();
    expect(redirectQuery(await authorize(mock, noType)).get('error')).toBe('invalid_request');
    const url = new URL(mock.endpoints.authorize);
    for (const [name, value] of Object.entries(authorizeParams())) url.searchParams.append(name, value);
    url.searchParams.append('scope', 'streams.read');
    const query = redirectQuery(await fetch(url, { redirect: 'manual' }));
    expect(query.get('error')).toBe('invalid_request');
    expect(query.get('error_description')).toContain('scope');
  });

  it('sendIssuer adds iss (RFC 9207) to every authorization response; none by default', async () => {
    const plain = await startMock({ consent: 'approve' });
    expect(redirectQuery(await authorize(plain, authorizeParams())).has('iss')).toBe(false);
    for (const consent of ['approve', 'deny'] as const) {
      const mock = await startMock({ consent, sendIssuer: true });
      const query = redirectQuery(await authorize(mock, authorizeParams()));
      expect(query.get(consent === 'approve' ? 'code' : 'error')).toBeTruthy();
      expect(query.get('iss')).toBe(mock.endpoints.issuer);
    }
    const failing = await startMock({ consent: 'approve', sendIssuer: true });
    const error = redirectQuery(await authorize(failing, authorizeParams({ scope: 'nope' })));
    expect(error.get('error')).toBe('invalid_scope');
    expect(error.get('iss')).toBe(failing.url);
  });

  it('names the unknown scope and omits state when none was sent', async () => {
    const mock = await startMock({ consent: 'approve' });
    const { state: _omitted, ...params } = authorizeParams({ scope: 'profile.read,admin' });
    const query = redirectQuery(await authorize(mock, params));
    expect(query.get('error')).toBe('invalid_scope');
    expect(query.get('error_description')).toContain('admin');
    expect(query.has('state')).toBe(false);
  });
});

describe('consent', () => {
  it('shows a self-contained page with the app, the user, each scope description and two buttons', async () => {
    const mock = await startMock();
    const scopes = ['profile.read', 'streams.read', 'streams.destinations.read'];
    const response = await authorize(mock, authorizeParams({ scope: scopes.join(' ') }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('Livepush Auth Demo');
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('<svg'); // the avatar, inlined
    for (const entry of LIVEPUSH_MOCK_SCOPES) {
      const shown = scopes.includes(entry.scope);
      expect(html.includes(entry.description), entry.scope).toBe(shown);
    }
    expect(html.match(/<button[^>]*>Approve<\/button>/g)).toHaveLength(1);
    expect(html.match(/<button[^>]*>Deny<\/button>/g)).toHaveLength(1);
    expect(html).toMatch(/<form method="post" action="\/oauth2\/authorize\/decision">/);
    // No external assets: no scripts, no stylesheet links, no remote images; its icon is the mock's own.
    expect(html).toContain('<link rel="icon" href="/favicon.ico">');
    expect(html.replace('<link rel="icon" href="/favicon.ico">', '')).not.toMatch(
      /<script|<link|src="https?:/,
    );
    expect(mock.stats().authorizeRequests).toBe(1);
  });

  it('escapes what it shows', async () => {
    const mock = await startMock({
      clients: [{ clientId: 'x', clientSecret: 'y', name: '<b>Evil</b> & Co', redirectUris: [REDIRECT_URI] }],
      user: { name: '<script>alert(1)</script>' },
    });
    const html = await (await authorize(mock, authorizeParams({ client_id: 'x' }))).text();
    expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; Co');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  async function pendingId(response: Response): Promise<string> {
    const match = /name="request_id" value="([^"]+)"/.exec(await response.text());
    if (match === null) throw new Error('no request_id on the consent page');
    return match[1]!;
  }

  function decide(mock: { url: string }, requestId: string, decision: string): Promise<Response> {
    return fetch(`${mock.url}/oauth2/authorize/decision`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, decision }),
    });
  }

  it('Approve redirects with a code and the state; the request id is single-use', async () => {
    const mock = await startMock();
    const id = await pendingId(await authorize(mock, authorizeParams()));
    const query = redirectQuery(await decide(mock, id, 'approve'));
    expect(query.get('code')).toBeTruthy();
    expect(query.get('state')).toBe('st4te-123');
    const again = await decide(mock, id, 'approve');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already answered');
    expect(mock.stats().consentDecisions).toBe(1);
  });

  it('Deny redirects with error=access_denied, a description and the state', async () => {
    const mock = await startMock();
    const id = await pendingId(await authorize(mock, authorizeParams()));
    const query = redirectQuery(await decide(mock, id, 'deny'));
    expect(query.get('error')).toBe('access_denied');
    expect(query.get('error_description')).toMatch(/denied/);
    expect(query.get('state')).toBe('st4te-123');
    expect(query.has('code')).toBe(false);
  });

  it('rejects an unknown decision without using up the request, and an unknown id', async () => {
    const mock = await startMock();
    const id = await pendingId(await authorize(mock, authorizeParams()));
    expect((await decide(mock, id, 'maybe')).status).toBe(400);
    expect((await decide(mock, 'forged', 'approve')).status).toBe(400);
    expect(redirectQuery(await decide(mock, id, 'approve')).has('code')).toBe(true);
  });

  it('expires a consent page after ten minutes (injected clock)', async () => {
    let now = 1_700_000_000_000;
    const mock = await startMock({ now: () => now });
    const id = await pendingId(await authorize(mock, authorizeParams()));
    now += 10 * 60 * 1000;
    expect((await decide(mock, id, 'approve')).status).toBe(400);
  });

  it("'approve' and 'deny' modes answer at once; setConsent switches; reset restores the option", async () => {
    const mock = await startMock({ consent: 'deny' });
    expect(redirectQuery(await authorize(mock, authorizeParams())).get('error')).toBe('access_denied');
    mock.setConsent('approve');
    expect(redirectQuery(await authorize(mock, authorizeParams())).has('code')).toBe(true);
    mock.setConsent('prompt');
    expect((await authorize(mock, authorizeParams())).status).toBe(200);
    mock.setConsent('approve');
    mock.reset();
    expect(redirectQuery(await authorize(mock, authorizeParams())).get('error')).toBe('access_denied');
    expect(mock.stats().authorizeRequests).toBe(1);
    expect(() => mock.setConsent('maybe' as 'prompt')).toThrow(RangeError);
  });

  it('accepts comma-separated scopes and shows each once', async () => {
    const mock = await startMock();
    const html = await (
      await authorize(mock, authorizeParams({ scope: 'profile.read,streams.read, profile.read' }))
    ).text();
    expect(html.match(/Read user profile information/g)).toHaveLength(1);
    expect(html).toContain('Read user stream data');
  });
});

describe('the consent page, as a browser loads it', () => {
  it('lists each scope with the text Livepush documents for it, word for word', async () => {
    // Livepush's "Scopes and Permissions" documentation (Accounts API, then Streams API).
    const documented = {
      'profile.read': 'Read user profile information',
      'profile.write': 'Update or modify user profile information',
      'subscriptions.read': 'Read user subscription details',
      'auth.modify': 'Modify user authentication details',
      'billing.read': 'Read billing data such as invoices and payments',
      'teams.read': 'Read team-related data',
      'teams.write': 'Modify team-related data',
      'regions.read': 'Retrieve the list of available regions',
      'streams.read': 'Read user stream data',
      'streams.write': 'Update existing stream data',
      'streams.create': 'Create or deploy new streams',
      'streams.delete': 'Delete or destroy streams',
      'streams.videos.read': 'Read stream video data',
      'streams.videos.write': 'Update or delete stream video data',
      'streams.destinations.read': 'Read and list stream destinations configured for a stream',
      'streams.destinations.write': 'Create, update, and remove stream destinations for a stream',
    };
    expect(Object.fromEntries(LIVEPUSH_MOCK_SCOPES.map((entry) => [entry.scope, entry.description]))).toEqual(
      documented,
    );
    const mock = await startMock();
    const html = await (
      await authorize(mock, authorizeParams({ scope: Object.keys(documented).join(' ') }))
    ).text();
    for (const [scope, text] of Object.entries(documented))
      expect(html).toContain(`<li><code>${scope}</code><div>${text}</div></li>`);
  });

  it('serves /favicon.ico (browsers ask for it on every page; a 404 is a console error)', async () => {
    const mock = await startMock();
    const response = await fetch(`${mock.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const view = new DataView(bytes.buffer);
    // ICONDIR (type 1, one image), its entry (16×16, 32 bpp, where the image is), BITMAPINFOHEADER.
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 1]);
    expect([bytes[6], bytes[7], view.getUint16(12, true)]).toEqual([16, 16, 32]);
    expect(view.getUint32(14, true) + view.getUint32(18, true)).toBe(bytes.length);
    expect([view.getUint32(22, true), view.getInt32(26, true), view.getInt32(30, true)]).toEqual([
      40, 16, 32,
    ]);
    // BGRA, bottom-up: a transparent corner, the red square, the white triangle in the middle.
    const pixel = (x: number, y: number) => [
      ...bytes.slice(62 + ((15 - y) * 16 + x) * 4, 66 + ((15 - y) * 16 + x) * 4),
    ];
    expect(pixel(0, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(2, 8)).toEqual([0x3b, 0x38, 0xe5, 0xff]);
    expect(pixel(7, 8)).toEqual([0xff, 0xff, 0xff, 0xff]);
  });
});

describe('avatar', () => {
  it('serves the SVG the user profile points at', async () => {
    const mock = await startMock();
    const html = await (await authorize(mock, authorizeParams())).text();
    expect(html).toContain('AL');
    const response = await fetch(`${mock.url}/avatars/64b7f3a2c9e77a0012d4e5f1.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg[^>]*>.*AL<\/text><\/svg>$/);
    expect((await fetch(`${mock.url}/avatars/someone-else.svg`)).status).toBe(404);
  });

  it('links an overridden avatar instead of inlining', async () => {
    const mock = await startMock({ user: { avatar: 'https://cdn.example/a.png' } });
    const html = await (await authorize(mock, authorizeParams())).text();
    expect(html).toContain('<img src="https://cdn.example/a.png"');
  });
});
