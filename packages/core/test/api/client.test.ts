import { type MockLivepush, startMockLivepush } from '@livepush/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLivepushApi, type LivepushApiOptions } from '../../src/api/client';
import { LivepushApiError } from '../../src/api/errors';
import type { LivepushAuthError } from '../../src/errors';
import type { FetchLike } from '../../src/protocol';
import { LIVEPUSH_SCOPES, type LivepushScope } from '../../src/scopes';
import { rejection } from '../helpers';

/** One request as it left the client, on its way to the real mock server. */
interface Sent {
  method: string;
  url: URL;
  authorization: string | null;
  contentType: string | null;
  body: string;
}

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMockLivepush({ consent: 'approve' });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

/** The real global fetch, recording what it sends. */
function spyingFetch() {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: new URL(request.url),
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      body: init?.body ? String(init.body) : '',
    });
    return globalThis.fetch(input, init);
  };
  return { fetch, sent };
}

function apiFor(
  scopes: readonly LivepushScope[],
  extra: { [K in keyof LivepushApiOptions]?: LivepushApiOptions[K] | undefined } = {},
) {
  const tokens = mock.issueTokens({ scopes: [...scopes] });
  const spy = spyingFetch();
  const options: LivepushApiOptions = {
    getAccessToken: async () => tokens.access_token,
    getScopes: () => scopes,
    endpoints: mock.endpoints,
    fetch: spy.fetch,
  };
  const api = createLivepushApi({ ...options, ...extra } as LivepushApiOptions);
  return { api, sent: spy.sent, token: tokens.access_token };
}

describe('typed methods against the mock server', () => {
  it('account.get → GET squid /account/this with the bearer token; parses the user', async () => {
    const { api, sent, token } = apiFor(['profile.read']);
    const user = await api.account.get();
    expect(user).toMatchObject({
      username: 'ada',
      email: 'ada@example.com',
      billingInfo: { name: 'Ada Lovelace' },
    });
    expect(typeof user.id).toBe('string');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.url.href).toBe(`${mock.endpoints.accountsApi}/account/this`);
    expect(sent[0]?.authorization).toBe(`Bearer ${token}`);
  });

  it('account.subscriptions → an array', async () => {
    const { api, sent } = apiFor(['subscriptions.read']);
    const subscriptions = await api.account.subscriptions();
    expect(Array.isArray(subscriptions)).toBe(true);
    expect(sent[0]?.url.href).toBe(`${mock.endpoints.accountsApi}/account/subscriptions`);
  });

  it('streams.list and streams.get → octopus, documented shapes', async () => {
    const { api, sent } = apiFor(['streams.read']);
    const streams = await api.streams.list();
    expect(streams.length).toBeGreaterThan(0);
    expect(streams[0]?.id).toMatch(/^st_/);
    expect(streams[0]?.metadata.name).toBeTypeOf('string');
    const one = await api.streams.get(streams[0]!.id);
    expect(one.id).toBe(streams[0]?.id);
    expect(one.zone).toMatchObject({ host: expect.any(String), isDefault: expect.any(Boolean) });
    expect(sent.map((s) => `${s.method} ${s.url.href}`)).toEqual([
      `GET ${mock.endpoints.streamsApi}/streams/mine`,
      `GET ${mock.endpoints.streamsApi}/streams/${streams[0]?.id}`,
    ]);
  });

  it('streams.create → POST /streams with a JSON body; 201 parsed', async () => {
    const { api, sent } = apiFor(['streams.create', 'streams.read']);
    const created = await api.streams.create({ name: '  Launch party ', category: 'schedule' });
    expect(created.id).toMatch(/^st_/);
    expect(created.metadata).toMatchObject({ name: 'Launch party', category: 'schedule' });
    expect(created.zone).toMatch(/^zn_/);
    expect(sent[0]).toMatchObject({ method: 'POST', contentType: 'application/json' });
    expect(JSON.parse(sent[0]!.body)).toEqual({ name: 'Launch party', category: 'schedule' });
    expect(await api.streams.list()).toContainEqual(expect.objectContaining({ id: created.id }));
  });

  it('destinations.list → GET /streams/me/destinations', async () => {
    const { api, sent } = apiFor(['streams.destinations.read']);
    const destinations = await api.destinations.list();
    expect(destinations[0]?.id).toMatch(/^pb_/);
    expect(destinations[0]).toHaveProperty('rtmpBase');
    expect(sent[0]?.url.pathname).toBe('/octopus/streams/me/destinations');
  });

  // Seeded ids of the mock: the user's first stream and a saved destination.
  it.each([
    [
      'recordings',
      (api: ReturnType<typeof apiFor>['api']) => api.streams.recordings(),
      'GET',
      '/octopus/streams/me/recordings',
      '',
    ],
    [
      'setPlaylist',
      (api: ReturnType<typeof apiFor>['api']) =>
        api.streams.setPlaylist('st_4f8a2c1e9b3d7a60', ['vid_1', 'vid_2']),
      'PUT',
      '/octopus/streams/st_4f8a2c1e9b3d7a60/config/scheduler/playlist',
      '{"videos":["vid_1","vid_2"]}',
    ],
    [
      'enable',
      (api: ReturnType<typeof apiFor>['api']) =>
        api.destinations.enable('st_4f8a2c1e9b3d7a60', 'pb_8f7e6d5c4b3a2910'),
      'PUT',
      '/octopus/streams/st_4f8a2c1e9b3d7a60/destinations/pb_8f7e6d5c4b3a2910/enable',
      '',
    ],
    [
      'disable',
      (api: ReturnType<typeof apiFor>['api']) =>
        api.destinations.disable('st_4f8a2c1e9b3d7a60', 'pb_8f7e6d5c4b3a2910'),
      'PUT',
      '/octopus/streams/st_4f8a2c1e9b3d7a60/destinations/pb_8f7e6d5c4b3a2910/disable',
      '',
    ],
    [
      'vod.getMetadata',
      (api: ReturnType<typeof apiFor>['api']) => api.vod.getMetadata('https://cdn.example.com/show.mp4'),
      'POST',
      '/vod/inspector/get_metadata',
      '{"url":"https://cdn.example.com/show.mp4"}',
    ],
  ] as const)(
    '%s sends %s to the right path with the bearer token and succeeds',
    async (_name, call, method, path, body) => {
      const { api, sent, token } = apiFor(LIVEPUSH_SCOPES);
      const outcome = await call(api).then(
        () => 'ok',
        (error: unknown) => error,
      );
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ method, authorization: `Bearer ${token}`, body });
      expect(sent[0]?.url.pathname).toBe(path);
      expect(outcome).toBe('ok');
    },
  );

  it('vod.getMetadata → POST the VOD import API with { url }; the documented metadata', async () => {
    const { api, sent } = apiFor(['streams.videos.write']);
    const metadata = await api.vod.getMetadata('https://cdn.example.com/show.mkv');
    expect(metadata).toMatchObject({ container: 'matroska', videoCodec: 'h264', audioCodec: 'opus' });
    expect(metadata.id).toMatch(/^vid_/);
    expect(typeof metadata.duration).toBe('number');
    expect(sent[0]?.url.href).toBe(`${mock.endpoints.vodImportApi}/inspector/get_metadata`);
    expect(sent[0]?.contentType).toBe('application/json');
    const refused = (await rejection(
      api.vod.getMetadata('https://cdn.example.com/notes.txt'),
    )) as LivepushApiError;
    expect(refused).toBeInstanceOf(LivepushApiError);
    expect(refused.status).toBe(400);
    expect(refused.apiMessage).toMatch(/^Invalid request/);
  });

  it('request() calls any endpoint and returns the parsed JSON', async () => {
    const { api, sent } = apiFor(['profile.read']);
    const user = await api.request<{ username: string }>('accounts', 'GET', '/account/this?fields=all');
    expect(user.username).toBe('ada');
    expect(sent[0]?.url.search).toBe('?fields=all');
  });
});

describe('scopes are checked before any request', () => {
  it.each([
    ['account.get', 'profile.read'],
    ['account.subscriptions', 'subscriptions.read'],
    ['streams.list', 'streams.read'],
    ['streams.get', 'streams.read'],
    ['streams.create', 'streams.create'],
    ['streams.recordings', 'streams.videos.read'],
    ['streams.setPlaylist', 'streams.write'],
    ['destinations.list', 'streams.destinations.read'],
    ['destinations.enable', 'streams.destinations.write'],
    ['destinations.disable', 'streams.destinations.write'],
    ['vod.getMetadata', 'streams.videos.write'],
  ] as const)('%s without %s → missing_scopes, zero API requests', async (method, scope) => {
    const others = LIVEPUSH_SCOPES.filter((s) => s !== scope);
    const { api, sent } = apiFor(others);
    const calls: Record<typeof method, () => Promise<unknown>> = {
      'account.get': () => api.account.get(),
      'account.subscriptions': () => api.account.subscriptions(),
      'streams.list': () => api.streams.list(),
      'streams.get': () => api.streams.get('st_4f8a2c1e9b3d7a60'),
      'streams.create': () => api.streams.create({ name: 'x', category: 'simulcast' }),
      'streams.recordings': () => api.streams.recordings(),
      'streams.setPlaylist': () => api.streams.setPlaylist('st_1', []),
      'destinations.list': () => api.destinations.list(),
      'destinations.enable': () => api.destinations.enable('st_1', 'pb_1'),
      'destinations.disable': () => api.destinations.disable('st_1', 'pb_1'),
      'vod.getMetadata': () => api.vod.getMetadata('https://cdn.example.com/show.mp4'),
    };
    const error = (await rejection(calls[method]())) as LivepushAuthError;
    expect(error.code).toBe('missing_scopes');
    expect(error.missingScopes).toEqual([scope]);
    expect(error.message).toContain(scope);
    expect(sent).toHaveLength(0);
    expect(mock.stats().apiRequests).toBe(0);
  });

  it('an async getScopes works too; without getScopes the server decides (403)', async () => {
    const asyncScopes = apiFor(['streams.read'], { getScopes: async () => ['streams.read'] });
    await expect(asyncScopes.api.streams.list()).resolves.toBeInstanceOf(Array);
    const unchecked = apiFor(['profile.read'], { getScopes: undefined });
    const error = (await rejection(unchecked.api.streams.list())) as LivepushApiError;
    expect(error).toBeInstanceOf(LivepushApiError);
    expect(error.status).toBe(403);
    expect(error.apiMessage).toBe('This endpoint requires the streams.read scope.');
    expect(mock.stats().apiRequests).toBe(2);
  });
});

describe('401 → one refresh, one retry', () => {
  it('refreshes once and retries once with the new token', async () => {
    const first = mock.issueTokens({ scopes: ['streams.read'] });
    mock.revokeAllTokens();
    const spy = spyingFetch();
    let refreshes = 0;
    let second = '';
    const api = createLivepushApi({
      getAccessToken: async () => first.access_token,
      refreshAccessToken: async () => {
        refreshes += 1;
        second = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
        return second;
      },
      endpoints: mock.endpoints,
      fetch: spy.fetch,
    });
    const streams = await api.streams.list();
    expect(streams.length).toBeGreaterThan(0);
    expect(refreshes).toBe(1);
    expect(spy.sent.map((s) => s.authorization)).toEqual([
      `Bearer ${first.access_token}`,
      `Bearer ${second}`,
    ]);
    expect(mock.stats().apiRequests).toBe(2);
  });

  it('concurrent calls refused the same token share one refresh', async () => {
    const first = mock.issueTokens({ scopes: ['streams.read'] });
    mock.revokeAllTokens();
    let refreshes = 0;
    const api = createLivepushApi({
      getAccessToken: async () => first.access_token,
      refreshAccessToken: async () => {
        refreshes += 1;
        return mock.issueTokens({ scopes: ['streams.read'] }).access_token;
      },
      endpoints: mock.endpoints,
    });
    await Promise.all(Array.from({ length: 5 }, () => api.streams.list()));
    expect(refreshes).toBe(1);
    expect(mock.stats().apiRequests).toBe(10);
  });

  it('a second 401 is not retried again', async () => {
    const dead = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    mock.revokeAllTokens();
    let refreshes = 0;
    const api = createLivepushApi({
      getAccessToken: async () => dead,
      refreshAccessToken: async () => {
        refreshes += 1;
        return 'still-not-a-valid-token';
      },
      endpoints: mock.endpoints,
    });
    const error = (await rejection(api.streams.list())) as LivepushApiError;
    expect(error.status).toBe(401);
    expect(refreshes).toBe(1);
    expect(mock.stats().apiRequests).toBe(2);
    expect(error.message).not.toContain('still-not-a-valid-token');
  });

  it('without a refresher a 401 is a LivepushApiError with status 401 and no token in it', async () => {
    const dead = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    mock.revokeAllTokens();
    const api = createLivepushApi({ getAccessToken: async () => dead, endpoints: mock.endpoints });
    const error = (await rejection(api.streams.list())) as LivepushApiError;
    expect(error).toBeInstanceOf(LivepushApiError);
    expect(error.code).toBe('api_error');
    expect(error.status).toBe(401);
    expect(error.apiMessage).toBeTypeOf('string');
    expect(JSON.stringify({ ...error, m: error.message })).not.toContain(dead);
    expect(mock.stats().apiRequests).toBe(1);
  });
});

describe('error statuses', () => {
  it('404 → LivepushApiError with the mock message', async () => {
    const { api } = apiFor(['streams.read']);
    const error = (await rejection(api.streams.get('st_does_not_exist'))) as LivepushApiError;
    expect(error.status).toBe(404);
    expect(error.apiMessage).toBe('Stream st_does_not_exist not found.');
    expect(error.path).toBe('/streams/st_does_not_exist');
  });

  it('403 when the token lacks the scope the server wants', async () => {
    const { api } = apiFor(['streams.read'], { getScopes: () => LIVEPUSH_SCOPES });
    const error = (await rejection(api.account.get())) as LivepushApiError;
    expect(error.status).toBe(403);
    expect(error.apiMessage).toBe('This endpoint requires the profile.read scope.');
  });

  it('400 from the server (a body the client does not validate, through request())', async () => {
    const { api } = apiFor(['streams.create']);
    const error = (await rejection(
      api.request('streams', 'POST', '/streams', { body: { name: 'x', category: 'vod' } }),
    )) as LivepushApiError;
    expect(error.status).toBe(400);
    expect(error.apiMessage).toBe('Invalid request: category must be "simulcast" or "schedule".');
  });
});

describe('faults become typed errors', () => {
  it('503 → LivepushApiError, transient', async () => {
    const { api } = apiFor(['streams.read']);
    mock.setFaults({ on: 'api', kind: 'status', status: 503 });
    const error = (await rejection(api.streams.list())) as LivepushApiError;
    expect(error).toBeInstanceOf(LivepushApiError);
    expect(error.status).toBe(503);
    expect(error.body).toBe('Service Unavailable');
    expect(error.isTransient).toBe(true);
  });

  it('a dropped connection → network_error', async () => {
    const { api } = apiFor(['streams.read']);
    mock.setFaults({ on: 'api', kind: 'drop' });
    const error = (await rejection(api.streams.list())) as LivepushAuthError;
    expect(error.code).toBe('network_error');
    expect(error.isTransient).toBe(true);
  });

  it('a slow answer → timeout', async () => {
    const { api } = apiFor(['streams.read'], { timeoutMs: 50 });
    mock.setFaults({ on: 'api', kind: 'delay', ms: 1000 });
    const error = (await rejection(api.streams.list())) as LivepushAuthError;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('50 ms');
  });

  it('an HTML error page → LivepushApiError with the raw body', async () => {
    const { api } = apiFor(['streams.read']);
    mock.setFaults({ on: 'api', kind: 'html' });
    const error = (await rejection(api.streams.list())) as LivepushApiError;
    expect(error.status).toBe(502);
    expect(error.body).toContain('502 Bad Gateway');
    expect(error.apiMessage).toBeUndefined();
  });

  it('malformed JSON with 200 → invalid_response', async () => {
    const { api } = apiFor(['streams.read']);
    mock.setFaults({ on: 'api', kind: 'malformed_json' });
    const error = (await rejection(api.streams.list())) as LivepushAuthError;
    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
  });

  it("the caller's abort signal rejects with its own reason", async () => {
    const { api } = apiFor(['streams.read']);
    mock.setFaults({ on: 'api', kind: 'delay', ms: 1000 });
    const controller = new AbortController();
    const pending = api.streams.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    expect(((await rejection(pending)) as Error).message).toBe('user left');
  });
});

describe('path parameters are refused before any request', () => {
  it.each(['', '.', '..', '../account/this', 'st_1/destinations', 'a\\b', 'st\n1', 'x'.repeat(201)])(
    'streams.get(%j) → invalid_request',
    async (id) => {
      const { api, sent } = apiFor(LIVEPUSH_SCOPES);
      const error = (await rejection(api.streams.get(id))) as LivepushAuthError;
      expect(error.code).toBe('invalid_request');
      expect(sent).toHaveLength(0);
    },
  );

  it('encodes ids it accepts', async () => {
    const { api, sent } = apiFor(LIVEPUSH_SCOPES);
    await rejection(api.destinations.enable('st 1?x', 'pb#2'));
    expect(sent[0]?.url.pathname).toBe('/octopus/streams/st%201%3Fx/destinations/pb%232/enable');
  });

  it.each([
    'streams/mine',
    '/streams/../account/this',
    '/streams/%2e%2e/account/this',
    '/streams//mine',
    '/streams/mine#x',
    '/streams/a%2Fb',
    '/streams/%E0%A4%A',
  ])('request(%j) → invalid_request', async (path) => {
    const { api, sent } = apiFor(LIVEPUSH_SCOPES);
    const error = (await rejection(api.request('streams', 'GET', path))) as LivepushAuthError;
    expect(error.code).toBe('invalid_request');
    expect(sent).toHaveLength(0);
  });
});
