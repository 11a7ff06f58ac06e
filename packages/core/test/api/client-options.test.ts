import { describe, expect, it } from 'vitest';
import { createLivepushApi, type LivepushApiOptions } from '../../src/api/client';
import type { LivepushAuthError } from '../../src/errors';
import { json, recordingFetch, rejection } from '../helpers';

const endpoints = {
  accountsApi: 'https://squid.example.test/v1/',
  streamsApi: 'https://octopus.example.test',
};

describe('createLivepushApi options', () => {
  it('lists every problem at once as invalid_config', () => {
    const error = (() => {
      try {
        createLivepushApi({
          getAccessToken: 'token',
          refreshAccessToken: 1,
          endpoints: { accountsApi: 'http://squid.example.test', streamsApi: 'nope' },
          fetch: {},
          timeoutMs: -1,
        } as unknown as LivepushApiOptions);
      } catch (e) {
        return e as LivepushAuthError;
      }
      throw new Error('expected a throw');
    })();
    expect(error.code).toBe('invalid_config');
    for (const part of [
      'getAccessToken',
      'refreshAccessToken',
      'fetch',
      'accountsApi',
      'streamsApi',
      'timeoutMs',
    ]) {
      expect(error.message).toContain(part);
    }
    expect(() => createLivepushApi(null as unknown as LivepushApiOptions)).toThrow(/getAccessToken/);
  });

  it('defaults to the Livepush servers and joins base paths', async () => {
    const server = recordingFetch(() => json([]));
    const defaults = createLivepushApi({ getAccessToken: async () => 't', fetch: server.fetch });
    await defaults.streams.list();
    await defaults.account.subscriptions();
    await defaults.request('vod', 'POST', '/inspector/get_metadata', {
      body: { url: 'https://x.test/a.mp4' },
    });
    const custom = createLivepushApi({ getAccessToken: async () => 't', fetch: server.fetch, endpoints });
    await custom.account.subscriptions();
    expect(server.requests.map((r) => r.url.href)).toEqual([
      'https://octopus.livepush.io/streams/mine',
      'https://squid.livepush.io/account/subscriptions',
      'https://vod-web-import-api.livepush.io/inspector/get_metadata',
      'https://squid.example.test/v1/account/subscriptions',
    ]);
    expect(server.requests[0]?.headers.get('accept')).toBe('application/json');
  });
});

describe('local validation (no request is made)', () => {
  it.each([
    [{ name: '', category: 'simulcast' }, /name/],
    [{ name: 'x', category: 'vod' }, /category/],
    [{ name: 'x'.repeat(201), category: 'schedule' }, /200/],
    [null, /object/],
  ])('streams.create(%j) → invalid_request', async (input, message) => {
    const server = recordingFetch(() => json({}));
    const api = createLivepushApi({ getAccessToken: async () => 't', fetch: server.fetch });
    const error = (await rejection(api.streams.create(input as never))) as LivepushAuthError;
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('vod.getMetadata refuses anything but an absolute http(s) URL', async () => {
    const server = recordingFetch(() => json({}));
    const api = createLivepushApi({ getAccessToken: async () => 't', fetch: server.fetch });
    for (const url of ['', 'not a url', 'ftp://cdn.example.com/a.mp4', '/relative.mp4', 42]) {
      const error = (await rejection(api.vod.getMetadata(url as string))) as LivepushAuthError;
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(/http\(s\) URL/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('setPlaylist refuses anything but an array of non-empty strings', async () => {
    const server = recordingFetch(() => new Response(null, { status: 204 }));
    const api = createLivepushApi({ getAccessToken: async () => 't', fetch: server.fetch });
    for (const videos of [[''], [1], 'v1', null]) {
      const error = (await rejection(api.streams.setPlaylist('st_1', videos as never))) as LivepushAuthError;
      expect(error.code).toBe('invalid_request');
    }
    expect(server.requests).toHaveLength(0);
    await expect(api.streams.setPlaylist('st_1', ['v1'])).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe('response shapes', () => {
  it('a list endpoint answering an object → invalid_response', async () => {
    const api = createLivepushApi({
      getAccessToken: async () => 't',
      fetch: recordingFetch(() => json({})).fetch,
    });
    expect(((await rejection(api.streams.recordings())) as LivepushAuthError).code).toBe('invalid_response');
  });

  it('an entity endpoint answering an array or an object without id → invalid_response', async () => {
    for (const body of [[], { name: 'x' }, null]) {
      const api = createLivepushApi({
        getAccessToken: async () => 't',
        fetch: recordingFetch(() => json(body)).fetch,
      });
      expect(((await rejection(api.account.get())) as LivepushAuthError).code).toBe('invalid_response');
    }
  });

  it('parses a documented recordings list; a redirect is not followed', async () => {
    const recording = { id: 'rec_1', _id: 'rec_1', user: 'u', stream: 'st_1', streamKey: 'k', time: 1 };
    const ok = createLivepushApi({
      getAccessToken: async () => 't',
      fetch: recordingFetch(() => json([recording])).fetch,
    });
    expect(await ok.streams.recordings()).toEqual([recording]);
    let redirect: RequestRedirect | undefined;
    const moved = createLivepushApi({
      getAccessToken: async () => 't',
      fetch: async (_input, init) => {
        redirect = init?.redirect;
        return new Response(null, { status: 302, headers: { location: 'https://evil.example' } });
      },
    });
    const error = (await rejection(moved.streams.recordings())) as LivepushAuthError;
    expect(redirect).toBe('manual');
    expect(error.code).toBe('api_error');
    expect(error.status).toBe(302);
  });

  it('a token getter that fails rejects with its error, no request made', async () => {
    const server = recordingFetch(() => json([]));
    const failure = new Error('no session');
    const api = createLivepushApi({
      getAccessToken: async () => {
        throw failure;
      },
      fetch: server.fetch,
    });
    expect(await rejection(api.streams.list())).toBe(failure);
    expect(server.requests).toHaveLength(0);
  });
});
