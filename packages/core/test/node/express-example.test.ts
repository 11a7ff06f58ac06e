// The README's Express example (examples/express.ts), run as a user runs it: its own Node process,
// configured by environment variables only, pointed at a mock Livepush in another process through
// LIVEPUSH_MOCK_URL (mockEndpoints), and signed in over HTTP.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT, type MockLivepush } from '@livepush/mock-server';
import { Browser, type Started, startMock, startProcess } from '@livepush/test-support';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
// Inside the package, so the bundle finds `express` in its node_modules.
const OUT = fileURLToPath(new URL('../../node_modules/.cache/livepush-examples/', import.meta.url));

/** A port nothing listens on right now (the example needs it before it starts: its redirect URI names it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let mock: MockLivepush;
let app: Started & { match: RegExpMatchArray };
let origin: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // The example compiled from this repository's sources (the package's own entries), Express external.
  await build({
    entryPoints: ['examples/express.ts'],
    absWorkingDir: PACKAGE,
    outfile: `${OUT}express.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@livepush/source'],
    external: ['express'],
    logLevel: 'silent',
  });
  mock = await startMock();
  const port = await freePort();
  app = await startProcess(process.execPath, [`${OUT}express.mjs`], {
    cwd: PACKAGE,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ORIGIN: `http://127.0.0.1:${port}`,
      LIVEPUSH_MOCK_URL: mock.url,
      LIVEPUSH_CLIENT_ID: DEFAULT_CLIENT.clientId,
      LIVEPUSH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
      SESSION_SECRET: 'the-express-example-session-secret-0123456789',
    },
    ready: /Listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  origin = app.match[1]!;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await mock?.close();
});

describe('examples/express.ts', () => {
  it('serves its page, signs in against the mock it was pointed at, and signs out', async () => {
    const browser = new Browser(origin);
    expect(await (await browser.app('/')).text()).toContain(
      '<a href="/auth/login">Sign in with Livepush</a>',
    );
    const signedOut = await browser.app('/api/me');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ signIn: '/auth/login?returnTo=/api/me' });

    const before = mock.stats().codeGrants;
    const end = await browser.signIn('?returnTo=/api/me');
    expect(end.href).toBe(`${origin}/api/me`);
    expect(mock.stats().codeGrants).toBe(before + 1); // the mock in the test process did the sign-in
    expect(await (await browser.app('/api/me')).json()).toEqual({
      name: 'Ada Lovelace',
      scopes: ['profile.read', 'streams.read'],
    });
    expect(await browser.session()).toMatchObject({ authenticated: true });

    expect((await browser.logout()).status).toBe(204);
    expect((await browser.app('/api/me')).status).toBe(401);
    expect(app.output()).not.toMatch(/error/i);
  });
});
