import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './support/browser';
import { staleBuilds } from './support/built';
import { type MockBin, startMockBin } from './support/mock';
import { type AppServer, RUNTIMES, type Runtime } from './support/runtimes';

// The same secret on every runtime: a cookie one seals, any other opens.
const SECRET = 'runtime-matrix-session-secret-0123456789-abcdef';
/** Anything that looks like a token or the client secret: never in what the app sends the browser. */
const SECRETS =
  /access_token|refresh_token|accessToken|refreshToken|eyJ[A-Za-z0-9_-]{10,}|livepush-demo-secret/;
const TWO_HOURS = 2 * 3600 * 1000;

/** The version each runtime must report: the one pinned in this package's devDependencies. */
const pinned = (() => {
  const { devDependencies } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as {
    devDependencies: Record<string, string>;
  };
  return (name: string) => devDependencies[name]!.replace(/^npm:[^@]+@/, '');
})();

interface Setup {
  mock: MockBin;
  app: AppServer;
}

const setups = new Map<Runtime['name'], Setup>();
const runtimeInfo = async (app: AppServer) =>
  (await (await fetch(`${app.url}/__runtime`)).json()) as {
    runtime: string;
    subtleCalls: { encrypt: number; decrypt: number };
  };

beforeAll(async () => {
  const stale = staleBuilds('core', 'mock-server');
  if (stale.length > 0)
    throw new Error(
      `packages/{${stale.join(',')}}/dist is missing or older than src: run \`pnpm build\` first.`,
    );
  // Every runtime with its own mock (so each one's counters are its own), all started at once.
  const started = await Promise.allSettled(
    RUNTIMES.map(async (runtime) => {
      const mock = await startMockBin();
      try {
        const app = await runtime.start({
          MOCK_ENDPOINTS: JSON.stringify(mock.endpoints),
          SESSION_SECRET: SECRET,
        });
        setups.set(runtime.name, { mock, app });
      } catch (error) {
        await mock.stop();
        throw error;
      }
    }),
  );
  const failed = started.filter((result) => result.status === 'rejected');
  if (failed.length > 0)
    throw new AggregateError(
      failed.map((f) => f.reason),
      'a runtime did not start',
    );
}, 120_000);

afterAll(async () => {
  await Promise.all([...setups.values()].flatMap(({ mock, app }) => [mock.stop(), app.stop()]));
});

// First, while every runtime's clock is still the real one (the flows below move theirs forward).
describe('a session sealed on one runtime opens on every other (one format, both sealer builds)', () => {
  for (const from of RUNTIMES) {
    it.concurrent(`sealed on ${from.name} (${from.sealer})`, async () => {
      const browser = new Browser(setups.get(from.name)!.app.url);
      await browser.signIn();
      const sealed = browser.jar.get('livepush_session')!;
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
      const own = await browser.session();
      const ownAt = Date.now();
      expect(own).toMatchObject({ authenticated: true, refreshIn: expect.any(Number) });
      for (const to of RUNTIMES.filter((r) => r !== from)) {
        const reader = new Browser(setups.get(to.name)!.app.url);
        reader.jar.set('livepush_session', sealed);
        // The same session, word for word, but for `refreshIn`: seconds from now, so it counts down
        // between the two reads (by as many whole seconds as passed, on a loaded machine).
        const read = await reader.session();
        const { refreshIn, ...rest } = read as { refreshIn: number };
        const { refreshIn: ownRefreshIn, ...ownRest } = own as { refreshIn: number };
        expect(rest, `${from.name} → ${to.name}`).toEqual(ownRest);
        expect(refreshIn).toBeLessThanOrEqual(ownRefreshIn);
        expect(refreshIn).toBeGreaterThanOrEqual(ownRefreshIn - Math.ceil((Date.now() - ownAt) / 1000) - 1);
        // And a tampered copy opens nowhere.
        reader.jar.set('livepush_session', `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BA' : 'AA'}`);
        expect(await reader.session(), `${from.name} → ${to.name}, tampered`).toEqual({
          authenticated: false,
        });
      }
    }, 60_000);
  }
});

describe('the core server flow on each runtime, importing the built package', () => {
  for (const runtime of RUNTIMES) {
    it.concurrent(`${runtime.name}: login → callback (GET token exchange) → session JSON without tokens → proxied API call → one refresh when due → cross-site POST refused → logout`, async () => {
      const { mock, app } = setups.get(runtime.name)!;
      const info = await runtimeInfo(app);
      const version = runtime.name === 'node' ? process.versions.node : pinned(runtime.name);
      expect(info.runtime).toBe(`${runtime.name} ${version}`);
      const browser = new Browser(app.url);
      expect(await browser.session()).toEqual({ authenticated: false });
      // Counted from here: the cross-runtime test has signed in on this mock too.
      const tokenPath = new URL(mock.endpoints.token!).pathname;
      const seen = (await mock.tokenRequests()).length;
      const tokenRequests = async () => (await mock.tokenRequests()).slice(seen);
      const start = await mock.stats();

      // Sign in: the code is exchanged with the documented GET token request.
      expect((await browser.signIn('/dashboard')).href).toBe(`${app.url}/dashboard`);
      expect(await tokenRequests()).toEqual([`GET ${tokenPath} → 200`]);
      expect((await mock.stats()).codeGrants).toBe(start.codeGrants + 1);

      // The session JSON: who and which scopes, never a token.
      const session = await browser.session();
      expect(session).toMatchObject({ authenticated: true, scopes: ['profile.read', 'streams.read'] });
      expect((session.user as { name?: unknown }).name).toEqual(expect.any(String));

      // A proxied API call.
      const apiBefore = (await mock.stats()).apiRequests;
      const streams = await browser.app('/auth/api/streams/streams/mine');
      expect(streams.status).toBe(200);
      expect(((await streams.json()) as { id: string }[])[0]!.id).toMatch(/^st_/);
      expect((await mock.stats()).apiRequests).toBe(apiBefore + 1);

      // Two hours later the access token is due: exactly one refresh, and the new tokens are written back
      // to the session's token cookie (livepush_session-<session id>); the sign-in cookie stays as it was.
      expect((await fetch(`${app.url}/__clock?advance=${TWO_HOURS}`, { method: 'POST' })).status).toBe(200);
      const tokenCookie = () =>
        [...browser.jar].find(([name]) => /^livepush_session-[\w-]{16}$/.test(name))?.[1];
      const signedIn = browser.jar.get('livepush_session');
      const sealedBefore = tokenCookie();
      expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
      expect(tokenCookie()).toMatch(/^v1\./);
      expect(tokenCookie()).not.toBe(sealedBefore);
      expect(browser.jar.get('livepush_session')).toBe(signedIn);
      expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
      expect((await mock.stats()).refreshGrants).toBe(start.refreshGrants + 1);
      expect(await tokenRequests()).toEqual([`GET ${tokenPath} → 200`, `GET ${tokenPath} → 200`]);

      // A cross-site POST is refused and changes nothing.
      const crossSite = await browser.app('/auth/logout', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
      expect(await browser.session()).toMatchObject({ authenticated: true });

      // Logout clears the session.
      const out = await browser.app('/auth/logout', {
        method: 'POST',
        headers: { origin: app.url, accept: 'application/json' },
      });
      expect(out.status).toBe(204);
      expect([...browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
      expect(await browser.session()).toEqual({ authenticated: false });
      expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(401);

      for (const body of browser.bodies) expect(body).not.toMatch(SECRETS);
      // The sealer build the runtime picked: Web Crypto seals and opens through crypto.subtle; the
      // node:crypto build never calls it.
      const { subtleCalls } = (await runtimeInfo(app)) as Awaited<ReturnType<typeof runtimeInfo>>;
      if (runtime.sealer === 'web-crypto') {
        expect(subtleCalls.encrypt).toBeGreaterThan(0);
        expect(subtleCalls.decrypt).toBeGreaterThan(0);
      } else {
        expect(subtleCalls).toEqual({ encrypt: 0, decrypt: 0 });
      }
    }, 60_000);
  }
});
