import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser } from '@livepush/test-support';
import { RequestCookies, ResponseCookies } from 'next/dist/server/web/spec-extension/cookies';
import { createLivepushNext } from '../src/create';
import type { LivepushNext, LivepushNextOptions } from '../src/types';

/** A clock the tests move: sessions become due without waiting. */
export function testClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(seconds: number) {
      offset += seconds * 1000;
    },
  };
}

/** `createLivepushNext` over the mock, and a browser signed in through its route handlers. */
export async function signedInApp(mock: MockLivepush, options: Partial<LivepushNextOptions> = {}) {
  const clock = testClock();
  const livepush: LivepushNext = createLivepushNext({ ...authOptions(mock), now: clock.now, ...options });
  const handlers = livepush.handlers;
  const browser = new Browser(
    (request: Request) => handlers[request.method as keyof typeof handlers](request),
    { routes: 'auth', basePath: '/auth' },
  );
  await browser.signIn();
  return { livepush, browser, clock };
}

/** What a Server Action gets: writable cookies; what it wrote, as the response will send it. */
export function serverAction(headers: Headers) {
  const cookies = new ResponseCookies(new Headers());
  for (const cookie of new RequestCookies(headers).getAll()) cookies.set(cookie);
  const written = new ResponseCookies(new Headers());
  return {
    headers,
    cookies: {
      getAll: () => cookies.getAll(),
      set(...args: Parameters<ResponseCookies['set']>) {
        written.set(...args);
        return cookies.set(...args);
      },
    },
    written,
  };
}
