// The module as Nuxt installs it: `loadNuxt` runs its setup (no build), so these see what a `nuxt build`
// or `nuxt dev` of an app with `modules: ['@livepush/auth-nuxt']` gets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNuxt } from '@nuxt/kit';
import type { Nuxt } from '@nuxt/schema';
import { afterAll, describe, expect, it } from 'vitest';
import livepush, { type LivepushModuleOptions } from '../src/module';

// An app with no files of its own, next to this package's nuxt; whatever Nuxt writes goes to a scratch dir.
const root = fileURLToPath(new URL('./fixture', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'livepush-nuxt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Loads a Nuxt app in a scratch directory with the module and `options` (and nothing that phones home). */
function load(options: LivepushModuleOptions | Record<string, unknown>): Promise<Nuxt> {
  return loadNuxt({
    cwd: root,
    dev: false,
    overrides: {
      modules: [livepush],
      livepush: options,
      telemetry: false,
      devtools: { enabled: false },
      buildDir: join(scratch, '.nuxt'),
    } as never,
  });
}

describe('installing the module', () => {
  it('mounts {basePath}/** and the context middleware in Nitro; runtime config: public basePath and scopes, secrets private and empty', async () => {
    const nuxt = await load({ scopes: ['profile.read', 'streams.read'], basePath: '/api/auth' });
    try {
      // What @nuxt/nitro-server reads (its own types augment NuxtOptions with these).
      const nitro = nuxt.options as unknown as {
        serverHandlers: { route?: string; middleware?: boolean; handler: string }[];
        nitro: { plugins?: string[] };
      };
      const handlers = nitro.serverHandlers.map(({ route, middleware, handler }) => ({
        route,
        middleware: middleware ?? false,
        handler: handler.replace(/^.*\/src\//, ''),
      }));
      expect(handlers).toEqual(
        expect.arrayContaining([
          { route: undefined, middleware: true, handler: 'runtime/server/middleware' },
          { route: '/api/auth/**', middleware: false, handler: 'runtime/server/route' },
        ]),
      );
      expect(nitro.nitro.plugins?.some((p) => p.endsWith('runtime/server/plugin'))).toBe(true);
      const plugins = nuxt.options.plugins.map((p) => (typeof p === 'string' ? p : p.src));
      expect(plugins.some((p) => /runtime\/app\/plugin(\.ts)?$/.test(p))).toBe(true);
      const { livepush: publicConfig } = nuxt.options.runtimeConfig.public;
      expect(publicConfig).toEqual({ basePath: '/api/auth', scopes: ['profile.read', 'streams.read'] });
      expect(nuxt.options.runtimeConfig.livepush).toMatchObject({
        clientSecret: '',
        secret: '',
        clientId: '',
      });
    } finally {
      await nuxt.close();
    }
  });

  it('fails the build on bad options, with the core’s invalid_config list', async () => {
    await expect(load({ scopes: ['streams.reed'], basePath: 'no-slash' })).rejects.toThrow(
      /Invalid createLivepushAuth options:\n- scopes: [^\n]*streams\.reed[^\n]*\n- basePath must be a path/,
    );
  });

  it('refuses secrets in nuxt.config: they belong in the server’s environment', async () => {
    await expect(load({ clientSecret: 'shh', scopes: ['profile.read'] })).rejects.toThrow(
      /clientSecret must not be in nuxt\.config.*NUXT_LIVEPUSH_CLIENT_SECRET/,
    );
  });
});
