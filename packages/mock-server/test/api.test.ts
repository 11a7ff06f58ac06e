import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OTHER_USERS_STREAM_ID } from '../src/data';
import { LIVEPUSH_MOCK_SCOPES, type MockLivepush } from '../src/index';
import { callApi, type ErrorBody, startMock } from './helpers';

type Endpoint = {
  api: 'accountsApi' | 'streamsApi' | 'vodImportApi';
  method: string;
  path: string;
  scope: string;
  body?: string;
};

const ENDPOINTS: Endpoint[] = [
  { api: 'accountsApi', method: 'GET', path: '/account/this', scope: 'profile.read' },
  { api: 'accountsApi', method: 'GET', path: '/account/subscriptions', scope: 'subscriptions.read' },
  { api: 'streamsApi', method: 'GET', path: '/streams/mine', scope: 'streams.read' },
  { api: 'streamsApi', method: 'GET', path: '/streams/st_4f8a2c1e9b3d7a60', scope: 'streams.read' },
  { api: 'streamsApi', method: 'GET', path: '/streams/me/destinations', scope: 'streams.destinations.read' },
  {
    api: 'streamsApi',
    method: 'POST',
    path: '/streams',
    scope: 'streams.create',
    body: JSON.stringify({ name: 'New show', category: 'simulcast' }),
  },
  {
    api: 'vodImportApi',
    method: 'POST',
    path: '/inspector/get_metadata',
    scope: 'streams.videos.write',
    body: JSON.stringify({ url: 'https://cdn.example.com/show.mp4' }),
  },
];

/** The status a granted call answers: 201 for the stream it creates, else 200. */
const success = (endpoint: Endpoint) => (endpoint.path === '/streams' ? 201 : 200);

function call(mock: MockLivepush, endpoint: Endpoint, token: string | undefined): Promise<Response> {
  const init: RequestInit = { method: endpoint.method };
  if (endpoint.body !== undefined) {
    init.body = endpoint.body;
    init.headers = { 'content-type': 'application/json' };
  }
  return callApi(mock.endpoints[endpoint.api], endpoint.path, token, init);
}

async function expectMessage(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(['message']);
  expect(body.message).toBeTruthy();
  return body.message!;
}

describe('bearer authentication', () => {
  it.each(ENDPOINTS)(
    '$method $path: 401 without a token, with a bad one, a forged JWT, or a bare one',
    async (endpoint) => {
      const mock = await startMock({ tokenFormat: 'jwt' });
      const missing = await call(mock, endpoint, undefined);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      await expectMessage(missing, 401);
      await expectMessage(await call(mock, endpoint, 'not-a-jwt'), 401);
      const valid = mock.issueTokens({ scopes: [endpoint.scope] }).access_token;
      const [header, payload] = valid.split('.');
      // A re-signed payload (here: the signature of another token) is refused.
      const other = mock.issueTokens({ scopes: ['profile.read'] }).access_token.split('.')[2];
      const forged = await call(mock, endpoint, `${header}.${payload}.${other}`);
      expect(forged.headers.get('www-authenticate')).toContain('invalid_token');
      await expectMessage(forged, 401);
      const noScheme = await callApi(mock.endpoints[endpoint.api], endpoint.path, undefined, {
        method: endpoint.method,
        headers: { authorization: valid },
      });
      await expectMessage(noScheme, 401);
    },
  );

  it('rejects a token signed by another mock server', async () => {
    const mock = await startMock({ tokenFormat: 'jwt' });
    const other = await startMock({ tokenFormat: 'jwt' });
    const token = other.issueTokens({ scopes: ['profile.read'] }).access_token;
    await expectMessage(await callApi(mock.endpoints.accountsApi, '/account/this', token), 401);
  });

  it('a revoked token answers 401', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['profile.read'] }).access_token;
    mock.revokeAllTokens();
    expect(
      await expectMessage(await callApi(mock.endpoints.accountsApi, '/account/this', token), 401),
    ).toContain('revoked');
  });
});

describe('scope enforcement', () => {
  it.each(ENDPOINTS)('$method $path needs exactly $scope', async (endpoint) => {
    const mock = await startMock();
    const others = LIVEPUSH_MOCK_SCOPES.map((entry) => entry.scope).filter(
      (scope) => scope !== endpoint.scope,
    );
    const without = mock.issueTokens({ scopes: others }).access_token;
    const forbidden = await call(mock, endpoint, without);
    expect(forbidden.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(await expectMessage(forbidden, 403)).toContain(endpoint.scope);
    const only = mock.issueTokens({ scopes: [endpoint.scope] }).access_token;
    expect((await call(mock, endpoint, only)).status).toBe(success(endpoint));
  });

  it('grants an endpoint iff its scope is in the token (property)', async () => {
    const mock = await startMock();
    const all = LIVEPUSH_MOCK_SCOPES.map((entry) => entry.scope);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(all, { minLength: 1 }),
        fc.constantFrom(...ENDPOINTS),
        async (scopes, endpoint) => {
          const token = mock.issueTokens({ scopes }).access_token;
          const response = await call(mock, endpoint, token);
          await response.arrayBuffer();
          const allowed = (scopes as string[]).includes(endpoint.scope);
          expect(response.status).toBe(allowed ? success(endpoint) : 403);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('access tokens are opaque by default, as Livepush documents them', () => {
  it('issues random strings of letters and digits, each unknown to any other mock', async () => {
    const mock = await startMock();
    const other = await startMock();
    const tokens = [1, 2, 3].map(() => mock.issueTokens({ scopes: ['profile.read'] }).access_token);
    for (const token of tokens) expect(token).toMatch(/^[a-z0-9]{48}$/);
    expect(new Set(tokens).size).toBe(3);
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', tokens[0])).status).toBe(200);
    const foreign = await callApi(other.endpoints.accountsApi, '/account/this', tokens[0]);
    expect(await expectMessage(foreign, 401)).toContain('unknown');
  });

  it('tokenFormat: "jwt" issues signed JWTs instead; "opaque" and "jwt" are the only formats', async () => {
    const mock = await startMock({ tokenFormat: 'jwt' });
    const token = mock.issueTokens({ scopes: ['profile.read'] }).access_token;
    expect(token.split('.')).toHaveLength(3);
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', token)).status).toBe(200);
    await expect(startMock({ tokenFormat: 'paseto' as 'jwt' })).rejects.toThrow(/tokenFormat/);
  });
});

describe('VOD import API (/vod)', () => {
  const inspect = (mock: MockLivepush, token: string, body: unknown) =>
    callApi(mock.endpoints.vodImportApi, '/inspector/get_metadata', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('POST /inspector/get_metadata answers the documented fields, the same for the same URL', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.videos.write'] }).access_token;
    const first = await inspect(mock, token, { url: 'https://cdn.example.com/show.mp4' });
    expect(first.status).toBe(200);
    const metadata = (await first.json()) as Record<string, unknown>;
    expect(Object.keys(metadata).sort()).toEqual(
      ['audioCodec', 'container', 'duration', 'id', 'size', 'videoCodec'].sort(),
    );
    expect(metadata).toMatchObject({ container: 'mp4', videoCodec: 'h264', audioCodec: 'aac' });
    expect(metadata.duration).toBeTypeOf('number');
    const again = await inspect(mock, token, { url: 'https://cdn.example.com/show.mp4' });
    expect(await again.json()).toEqual(metadata);
    const webm = await inspect(mock, token, { url: 'https://cdn.example.com/clip.webm' });
    expect(((await webm.json()) as { id: string }).id).not.toBe(metadata.id);
  });

  it('answers 400 { message } without an http(s) video URL', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.videos.write'] }).access_token;
    for (const body of [
      {},
      { url: 42 },
      { url: 'ftp://cdn.example.com/a.mp4' },
      { url: 'https://x.test/a.txt' },
    ]) {
      expect(await expectMessage(await inspect(mock, token, body), 400)).toMatch(/^Invalid request/);
    }
    expect(mock.stats().apiRequests).toBe(4);
  });

  it('an extension named after an Object.prototype member is not a video format (400, not a bare 200)', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.videos.write'] }).access_token;
    for (const extension of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const response = await inspect(mock, token, { url: `https://cdn.example.com/a.${extension}` });
      expect([extension, response.status]).toEqual([extension, 400]);
      expect(await response.json()).toEqual({ message: expect.stringMatching(/^Invalid request/) });
    }
  });
});

describe('accounts API (/squid)', () => {
  it('GET /account/this returns the documented profile', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['profile.read'] }).access_token;
    const response = await callApi(mock.endpoints.accountsApi, '/account/this', token);
    expect(response.status).toBe(200);
    const user = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(user).sort()).toEqual(
      [
        'id',
        'username',
        'name',
        'email',
        'avatar',
        'ns',
        'isDisabled',
        'createdAt',
        'preferences',
        'billingInfo',
      ].sort(),
    );
    expect(user).toMatchObject({
      name: 'Ada Lovelace',
      isDisabled: false,
      billingInfo: { name: 'Ada Lovelace' },
    });
    const avatar = await fetch(user.avatar as string);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('reflects the user option', async () => {
    const mock = await startMock({ user: { name: 'Grace Hopper', email: 'grace@example.com' } });
    const token = mock.issueTokens({ scopes: ['profile.read'] }).access_token;
    const user = (await (await callApi(mock.endpoints.accountsApi, '/account/this', token)).json()) as Record<
      string,
      unknown
    >;
    expect(user).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com', username: 'ada' });
  });

  it('GET /account/subscriptions returns a bare array', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['subscriptions.read'] }).access_token;
    const body = (await (
      await callApi(mock.endpoints.accountsApi, '/account/subscriptions', token)
    ).json()) as {
      status: string;
    }[];
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((subscription) => subscription.status)).toEqual(['active', 'canceled']);
  });

  it('answers 404 { message } for unknown paths, after authentication', async () => {
    const mock = await startMock();
    expect((await callApi(mock.endpoints.accountsApi, '/account/nope', undefined)).status).toBe(401);
    const token = mock.issueTokens({ scopes: ['profile.read'] }).access_token;
    await expectMessage(await callApi(mock.endpoints.accountsApi, '/account/nope', token), 404);
    // The APIs live under their prefixes only: an SDK that drops the prefix gets a 404.
    expect((await callApi(mock.url, '/account/this', token)).status).toBe(404);
  });
});

describe('streams API (/octopus)', () => {
  const STREAM_KEYS = ['id', 'metadata', 'createdAt', 'isDisabled', 'config', 'destinations', 'zone'];

  it('GET /streams/mine lists the three seeded streams with zone objects', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    const streams = (await (
      await callApi(mock.endpoints.streamsApi, '/streams/mine', token)
    ).json()) as Record<string, unknown>[];
    expect(streams).toHaveLength(3);
    for (const stream of streams) {
      for (const key of STREAM_KEYS) expect(stream).toHaveProperty(key);
      expect(stream.id).toMatch(/^st_/);
      expect(stream.zone).toEqual({
        category: expect.any(String),
        host: expect.any(String),
        isPublic: expect.any(Boolean),
        isDefault: expect.any(Boolean),
      });
    }
    expect(streams.map((stream) => (stream.metadata as { name: string }).name)).toContain(
      'Friday Night Live',
    );
  });

  it('GET /streams/{id}: the stream, 404 when unknown or not the user’s', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    const one = (await (
      await callApi(mock.endpoints.streamsApi, '/streams/st_7b21e0d4c6a95f12', token)
    ).json()) as Record<string, unknown>;
    expect(one).toMatchObject({
      id: 'st_7b21e0d4c6a95f12',
      metadata: { category: 'schedule' },
      zone: { isDefault: false },
    });
    await expectMessage(
      await callApi(mock.endpoints.streamsApi, `/streams/${OTHER_USERS_STREAM_ID}`, token),
      404,
    );
    await expectMessage(await callApi(mock.endpoints.streamsApi, '/streams/st_missing', token), 404);
  });

  it('GET /streams/me/destinations lists the two seeded destinations', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.destinations.read'] }).access_token;
    const destinations = (await (
      await callApi(mock.endpoints.streamsApi, '/streams/me/destinations', token)
    ).json()) as Record<string, unknown>[];
    expect(destinations).toHaveLength(2);
    for (const destination of destinations) {
      expect(Object.keys(destination).sort()).toEqual(
        ['id', 'appName', 'label', 'rtmpBase', 'oauth', 'updatedAt', 'isPinned', 'isDisabled'].sort(),
      );
      expect(destination.id).toMatch(/^pb_/);
    }
  });

  it('POST /streams creates a stream (201, documented shape, zone id) that the user then sees', async () => {
    const now = Date.parse('2025-01-02T03:04:05.000Z');
    const mock = await startMock({ now: () => now });
    const token = mock.issueTokens({ scopes: ['streams.create', 'streams.read'] }).access_token;
    const response = await callApi(mock.endpoints.streamsApi, '/streams', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '  Launch party ', category: 'schedule' }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual(
      [
        'id',
        'chatId',
        'embedId',
        'createdAt',
        'metadata',
        'config',
        'destinations',
        'zone',
        'unsafeContent',
        'hasValidated',
      ].sort(),
    );
    expect(created).toMatchObject({
      metadata: { name: 'Launch party', category: 'schedule' },
      createdAt: '2025-01-02T03:04:05.000Z',
      destinations: [],
      config: { pullUrlMaxRetry: expect.any(Number), recordingTier: expect.any(String) },
    });
    expect(created.zone).toMatch(/^zn_/);
    const fetched = await callApi(mock.endpoints.streamsApi, `/streams/${created.id as string}`, token);
    expect(fetched.status).toBe(200);
    const mine = (await (
      await callApi(mock.endpoints.streamsApi, '/streams/mine', token)
    ).json()) as unknown[];
    expect(mine).toHaveLength(4);
    mock.reset();
    const fresh = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    expect(
      (await (await callApi(mock.endpoints.streamsApi, '/streams/mine', fresh)).json()) as unknown[],
    ).toHaveLength(3);
  });

  it.each([
    ['no JSON content type', 'text/plain', JSON.stringify({ name: 'x', category: 'simulcast' })],
    ['invalid JSON', 'application/json', '{"name": '],
    ['an array', 'application/json', '[]'],
    ['a missing name', 'application/json', JSON.stringify({ category: 'simulcast' })],
    ['an empty name', 'application/json', JSON.stringify({ name: '   ', category: 'simulcast' })],
    ['a non-string name', 'application/json', JSON.stringify({ name: 42, category: 'simulcast' })],
    ['a missing category', 'application/json', JSON.stringify({ name: 'x' })],
    ['an unknown category', 'application/json', JSON.stringify({ name: 'x', category: 'vod' })],
  ])('POST /streams with %s → 400 { message }', async (_name, type, body) => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.create', 'streams.read'] }).access_token;
    const response = await callApi(mock.endpoints.streamsApi, '/streams', token, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(await expectMessage(response, 400)).toMatch(/^Invalid request/);
    const mine = (await (
      await callApi(mock.endpoints.streamsApi, '/streams/mine', token)
    ).json()) as unknown[];
    expect(mine).toHaveLength(3);
  });

  it('counts every API request', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    await callApi(mock.endpoints.streamsApi, '/streams/mine', token);
    await callApi(mock.endpoints.streamsApi, '/streams/mine', undefined);
    await callApi(mock.endpoints.accountsApi, '/account/this', token);
    expect(mock.stats()).toMatchObject({ apiRequests: 3, tokenRequests: 0 });
  });
});
