// configureLivepushServer: the options runtime config cannot carry (a store, onSignIn) reach the module's
// one core instance. Nitro's `useRuntimeConfig()` only exists inside a built server, so it is replaced by
// the runtime config the module writes (runtimeConfigFor) with the environment's values applied; the core,
// the handler and the mock Livepush are real.
import { createMemoryStore } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, startMock } from '@livepush/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runtimeConfigFor } from '../src/runtime/server/options';

let mock: MockLivepush;
const runtime: { livepush?: unknown; public?: { livepush: unknown } } = {};
vi.mock('nitropack/runtime', () => ({ useRuntimeConfig: () => runtime }));

beforeAll(async () => {
  mock = await startMock();
  const { endpoints, scopes, ...options } = authOptions(mock);
  const config = runtimeConfigFor({ scopes, endpoints: { ...endpoints } });
  runtime.livepush = { ...config.private, ...options };
  runtime.public = { livepush: config.public };
});
afterAll(() => mock.close());

describe('configureLivepushServer', () => {
  it('gives the instance a store and onSignIn: a refused sign-in, then a user signed out everywhere', async () => {
    const { configureLivepushServer, livepushAuth } = await import('../src/runtime/server/instance');
    const { signOutLivepushUser, listLivepushSessions } = await import('../src/runtime/server/utils');
    let refuse = true;
    configureLivepushServer({ store: createMemoryStore(), onSignIn: () => (refuse ? false : undefined) });
    const auth = livepushAuth();

    const refused = new Browser(auth);
    expect((await refused.signIn()).searchParams.get('error')).toBe('sign_in_refused');
    expect(await refused.session()).toEqual({ authenticated: false });

    refuse = false;
    const [laptop, phone] = [new Browser(auth), new Browser(auth)];
    await laptop.signIn();
    await phone.signIn();
    const { userId } = (await laptop.session()) as { userId: string };
    expect(await listLivepushSessions(userId)).toHaveLength(2);
    expect(await signOutLivepushUser(userId)).toBe(2);
    expect(await phone.session()).toEqual({ authenticated: false });
  });

  it('refuses what is not an object of options, and options the core refuses', async () => {
    const { configureLivepushServer } = await import('../src/runtime/server/instance');
    expect(() => configureLivepushServer(null as never)).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringMatching(/store, onSignIn/) }),
    );
    expect(() => configureLivepushServer({ onSignIn: 'yes' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
