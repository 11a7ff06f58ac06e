// Cookies reach SvelteKit as the values the core produced (its onCookie hook): written through
// event.cookies with every attribute explicit and the value verbatim, even when a refresh happens
// after SvelteKit has sent the response.
import type { MockLivepush } from '@livepush/mock-server';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivepushHandle, type LivepushContext, type LivepushLocals } from '../src/index';
import { Browser, optionsFor, startMock } from './support/app';

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function dueSession() {
  let now = Date.now();
  mock = await startMock({ accessTokenTtlSeconds: 120 });
  const browser = new Browser(createLivepushHandle(optionsFor(mock, { now: () => now })));
  await browser.signIn();
  now += 61_000;
  return { browser, mock };
}

describe('cookies through event.cookies', () => {
  it('writes the refreshed session verbatim (no percent-encoding) with exactly the core attributes', async () => {
    const { browser } = await dueSession();
    let seenInLoad: string | undefined;
    const { response } = await browser.request(
      '/',
      {},
      {
        route: async (event) => {
          await livepush(event).getAccessToken();
          // Written at once: the load already sees it in event.cookies.
          seenInLoad = event.cookies.get('livepush_session');
          return null;
        },
      },
    );
    const written = response.headers.getSetCookie().find((line) => line.startsWith('livepush_session='));
    const value = written!.slice('livepush_session='.length).split(';')[0]!;
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(seenInLoad).toBe(value);
    const attributes = written!
      .split('; ')
      .slice(1)
      .map((part) => part.split('=')[0]!.toLowerCase())
      .sort();
    expect(attributes).toEqual(['httponly', 'max-age', 'path', 'samesite']);
    expect(written).toMatch(/Max-Age=2\d{6}/);
  });

  it('a cookie produced after the response exists goes out through the handle instead', async () => {
    const { browser, mock: started } = await dueSession();
    const before = browser.jar.get('livepush_session');
    const { response } = await browser.request(
      '/',
      {},
      {
        route: (event) => {
          // SvelteKit has generated the response: event.cookies.set now throws (see support/kit.ts).
          event.cookies.set = () => {
            throw new Error('Cannot use `cookies.set(...)` after the response has been generated');
          };
          return livepush(event)
            .getAccessToken()
            .then(() => null);
        },
      },
    );
    expect(started.stats().refreshGrants).toBe(1);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('livepush_session=v1.'))).toBe(
      true,
    );
    expect(browser.jar.get('livepush_session')).not.toBe(before);
    expect(await (await browser.request('/auth/session')).response.json()).toMatchObject({
      authenticated: true,
    });
    expect(started.stats().refreshGrants).toBe(1);
  });
});
