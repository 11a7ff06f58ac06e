// The VOD import API on the one road: the browser proxy's `api/vod/*` prefix, scope-checked like the
// rest, against the mock over loopback.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, setupTest } from './harness';

const inspect = (url: unknown, headers: Record<string, string> = { origin: APP_ORIGIN }) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ url }),
});

describe('POST {basePath}/api/vod/inspector/get_metadata', () => {
  it('proxies to the VOD import API with the bearer token when streams.videos.write is granted', async () => {
    const { browser, mock } = await setupTest({
      auth: { scopes: ['profile.read', 'streams.videos.write'] },
    });
    await browser.signIn();
    const before = mock.stats().apiRequests;
    const response = await browser.app(
      '/auth/api/vod/inspector/get_metadata',
      inspect('https://cdn.example.com/show.mp4'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ container: 'mp4', videoCodec: 'h264', audioCodec: 'aac' });
    expect(mock.stats().apiRequests).toBe(before + 1);
    // Livepush's own 400 { message } passes through as it is.
    const bad = await browser.app('/auth/api/vod/inspector/get_metadata', inspect('ftp://x.test/a.mp4'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: expect.stringMatching(/^Invalid request/) });
  });

  it('refuses without the scope (403 missing_scopes), cross-origin (403) and signed out (401), never calling Livepush', async () => {
    const { browser, mock } = await setupTest();
    const signedOut = await browser.app(
      '/auth/api/vod/inspector/get_metadata',
      inspect('https://x.test/a.mp4'),
    );
    expect(signedOut.status).toBe(401);
    await browser.signIn();
    const before = mock.stats().apiRequests;
    const missing = await browser.app(
      '/auth/api/vod/inspector/get_metadata',
      inspect('https://x.test/a.mp4'),
    );
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ code: 'missing_scopes', missing: ['streams.videos.write'] });
    const foreign = await browser.app(
      '/auth/api/vod/inspector/get_metadata',
      inspect('https://x.test/a.mp4', { origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    expect(mock.stats().apiRequests).toBe(before);
  });
});
