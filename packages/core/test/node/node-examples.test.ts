// The README's Node server examples (examples/express.ts, node-http.ts, fastify.ts), run as a user runs
// them: each in its own Node process, configured by environment variables only, pointed at a mock
// Livepush in another process through LIVEPUSH_MOCK_URL (mockEndpoints), and signed in over HTTP.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT, type MockLivepush } from '@livepush/mock-server';
import { Browser, freePort, type Started, startMock, startProcess } from '@livepush/test-support';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
// Inside the package, so the bundle finds `express` in its node_modules.
const OUT = fileURLToPath(new URL('../../node_modules/.cache/livepush-examples/', import.meta.url));

let mock: MockLivepush;
let app: Started & { match: RegExpMatchArray };
let origin: string;
const started: Started[] = [];

/**
 * Runs examples/NAME.ts as a user runs it: compiled from this repository's sources (the package's own
 * entries, the framework external), in its own Node process configured by environment variables only.
 */
async function runExample(name: string, external: string) {
  await build({
    entryPoints: [`examples/${name}.ts`],
    absWorkingDir: PACKAGE,
    outfile: `${OUT}${name}.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@livepush/source'],
    external: [external],
    logLevel: 'silent',
  });
  const port = await freePort();
  const example = await startProcess(process.execPath, [`${OUT}${name}.mjs`], {
    cwd: PACKAGE,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ORIGIN: `http://127.0.0.1:${port}`,
      LIVEPUSH_MOCK_URL: mock.url,
      LIVEPUSH_CLIENT_ID: DEFAULT_CLIENT.clientId,
      LIVEPUSH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
      SESSION_SECRET: `the-${name}-example-session-secret-0123456789`,
    },
    ready: /Listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  started.push(example);
  return example;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  mock = await startMock();
  app = await runExample('express', 'express');
  origin = app.match[1]!;
}, 60_000);

afterAll(async () => {
  for (const example of started) await example.stop();
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

describe("examples/node-http.ts and examples/fastify.ts (the README's other Node servers)", () => {
  it('node-http: its page says signed out, signs in against the mock, then names the user', async () => {
    const example = await runExample('node-http', 'node:http');
    const at = example.match[1]!;
    const browser = new Browser(at);
    expect(await (await browser.app('/')).text()).toBe('Signed out: /auth/login signs in');
    expect((await browser.signIn('?returnTo=/')).href).toBe(`${at}/`);
    expect(await (await browser.app('/')).text()).toBe('Signed in as Ada Lovelace');
    expect(example.output()).not.toMatch(/error/i);
  }, 60_000);

  it('fastify: the auth routes in their plugin sign in against the mock and sign out (a body-less POST)', async () => {
    const example = await runExample('fastify', 'fastify');
    const at = example.match[1]!;
    const browser = new Browser(at);
    expect(await browser.session()).toEqual({ authenticated: false });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
    expect((await browser.logout()).status).toBe(204);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(example.output()).not.toMatch(/error/i);
  }, 60_000);
});
