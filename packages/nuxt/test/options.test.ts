import { LivepushAuthError } from '@livepush/auth-core';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { describe, expect, it } from 'vitest';
import {
  createNuxtLivepushAuth,
  runtimeConfigFor,
  secretsInModuleOptions,
} from '../src/runtime/server/options';

/** What the environment supplies at runtime, as Nuxt applies NUXT_LIVEPUSH_* onto the runtime config. */
const RUNTIME = {
  clientId: 'livepush-demo-client',
  clientSecret: 'livepush-demo-secret-not-for-production',
  secret: 'a-session-secret-of-at-least-32-characters',
  redirectUri: 'http://127.0.0.1:3000/auth/callback',
};

/** The core's own `invalid_config` problem list for `options`. */
function coreProblems(options: Parameters<typeof createLivepushAuth>[0]): string[] {
  try {
    createLivepushAuth(options);
  } catch (error) {
    return (error as Error).message.split('\n').filter((line) => line.startsWith('- '));
  }
  throw new Error('the core accepted the options');
}

function thrown(run: () => unknown): LivepushAuthError {
  try {
    run();
  } catch (error) {
    if (error instanceof LivepushAuthError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('runtime config', () => {
  it('keeps secrets out of the public part; every runtime value exists (so NUXT_LIVEPUSH_* can set it)', () => {
    const config = runtimeConfigFor({ scopes: 'profile.read, streams.read', timeoutMs: 5000 });
    expect(config.public).toEqual({ basePath: '/auth', scopes: ['profile.read', 'streams.read'] });
    expect(config.private).toMatchObject({ clientId: '', clientSecret: '', secret: '', redirectUri: '' });
    expect(config.private.timeoutMs).toBe(5000);
    expect(Object.keys(config.private.endpoints).sort()).toEqual([
      'accountsApi',
      'authorize',
      'issuer',
      'streamsApi',
      'token',
      'vodImportApi',
    ]);
    expect(JSON.stringify(config.public)).not.toMatch(/secret|client/i);
  });

  it('refuses secrets in nuxt.config, naming the variable to use instead', () => {
    expect(secretsInModuleOptions({ clientSecret: 'x', secret: 'y', scopes: [] })).toEqual([
      expect.stringContaining('NUXT_LIVEPUSH_CLIENT_SECRET'),
      expect.stringContaining('NUXT_LIVEPUSH_SECRET'),
    ]);
    expect(secretsInModuleOptions({ clientId: 'id', scopes: [] })).toEqual([]);
  });
});

describe('validation (the core’s invalid_config list)', () => {
  it('at build: what nuxt.config got wrong, in the core’s words; runtime-only values may be missing', () => {
    const bad = runtimeConfigFor({
      scopes: ['profile.read', 'streams.reed' as 'streams.read'],
      leewaySeconds: -1,
    });
    const error = thrown(() => createNuxtLivepushAuth(bad.private, bad.public, 'build'));
    expect(error.code).toBe('invalid_config');
    const listed = error.message.split('\n').filter((line) => line.startsWith('- '));
    expect(listed).toEqual(
      coreProblems({ ...RUNTIME, scopes: ['profile.read', 'streams.reed'], leewaySeconds: -1 } as never),
    );
    expect(listed).toHaveLength(2);
    expect(error.message).toMatch(/NUXT_LIVEPUSH_CLIENT_SECRET/);

    const good = runtimeConfigFor({ scopes: ['profile.read'] });
    expect(() => createNuxtLivepushAuth(good.private, good.public, 'build')).not.toThrow();
  });

  it('at start: everything must be there, every problem at once', () => {
    const { private: config, public: publicConfig } = runtimeConfigFor({});
    const error = thrown(() =>
      createNuxtLivepushAuth({ ...config, secret: 'too short' }, publicConfig, 'start'),
    );
    const listed = error.message.split('\n').filter((line) => line.startsWith('- '));
    expect(listed).toEqual(
      coreProblems({ clientId: '', clientSecret: '', redirectUri: '', secret: 'too short' }),
    );
    expect(listed.join('\n')).toMatch(/clientId[\s\S]*clientSecret[\s\S]*redirectUri[\s\S]*32/);
  });

  it('at start with the environment’s values: a working core at the configured basePath', async () => {
    const { private: config, public: publicConfig } = runtimeConfigFor({ basePath: '/api/auth' });
    const auth = createNuxtLivepushAuth(
      { ...config, ...RUNTIME, redirectUri: 'http://127.0.0.1:3000/api/auth/callback' },
      publicConfig,
      'start',
    );
    expect(auth.basePath).toBe('/api/auth');
    const response = await auth.handler(new Request('http://127.0.0.1:3000/api/auth/session'));
    expect(await response.json()).toEqual({ authenticated: false });
  });
});
