import { afterEach, describe, expect, it } from 'vitest';
import { type MockLivepush, startMockLivepush } from '../src/index';

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function call(method: string, path: string, scopes: string[], body?: unknown) {
  const token = mock!.issueTokens({ scopes });
  return fetch(`${mock!.endpoints.streamsApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

const STREAM = 'st_4f8a2c1e9b3d7a60';

describe('recordings, playlist and destination toggles', () => {
  it('GET /streams/me/recordings needs streams.videos.read and lists documented fields', async () => {
    mock = await startMockLivepush();
    expect((await call('GET', '/streams/me/recordings', ['streams.read'])).status).toBe(403);
    const response = await call('GET', '/streams/me/recordings', ['streams.videos.read']);
    expect(response.status).toBe(200);
    const [first] = (await response.json()) as Record<string, unknown>[];
    expect(Object.keys(first!)).toEqual(
      expect.arrayContaining(['id', '_id', 'user', 'stream', 'streamKey', 'time']),
    );
  });

  it('PUT playlist needs streams.write, validates videos and stores them', async () => {
    mock = await startMockLivepush();
    expect(
      (await call('PUT', `/streams/${STREAM}/config/scheduler/playlist`, ['streams.read'], { videos: [] }))
        .status,
    ).toBe(403);
    expect(
      (await call('PUT', `/streams/${STREAM}/config/scheduler/playlist`, ['streams.write'], { videos: [1] }))
        .status,
    ).toBe(400);
    expect(
      (await call('PUT', '/streams/st_nope/config/scheduler/playlist', ['streams.write'], { videos: [] }))
        .status,
    ).toBe(404);
    const ok = await call('PUT', `/streams/${STREAM}/config/scheduler/playlist`, ['streams.write'], {
      videos: ['v1', 'v2'],
    });
    expect(ok.status).toBe(200);
    expect(
      ((await ok.json()) as { config: { scheduler: { playlist: string[] } } }).config.scheduler.playlist,
    ).toEqual(['v1', 'v2']);
  });

  it('PUT enable/disable toggles a saved destination on an own stream', async () => {
    mock = await startMockLivepush();
    const path = (action: string, id = 'pb_8f7e6d5c4b3a2910') =>
      `/streams/${STREAM}/destinations/${id}/${action}`;
    expect((await call('PUT', path('enable'), ['streams.destinations.read'])).status).toBe(403);
    expect((await call('PUT', path('enable', 'pb_unknown'), ['streams.destinations.write'])).status).toBe(
      404,
    );
    const enabled = await call('PUT', path('enable'), ['streams.destinations.write']);
    expect(enabled.status).toBe(200);
    const stream = (await enabled.json()) as { destinations: { id: string; isEnabled: boolean }[] };
    expect(stream.destinations.find((d) => d.id === 'pb_8f7e6d5c4b3a2910')?.isEnabled).toBe(true);
    const disabled = (await (
      await call('PUT', path('disable'), ['streams.destinations.write'])
    ).json()) as typeof stream;
    expect(disabled.destinations.find((d) => d.id === 'pb_8f7e6d5c4b3a2910')?.isEnabled).toBe(false);
  });
});
