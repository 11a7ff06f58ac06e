import { describe, expect, it } from 'vitest';
import { LIVEPUSH_SCOPES } from '../../src/index';
import { setupTest } from './harness';

/**
 * `{basePath}/login` is a link anyone can put on any site. Whatever its `scope` says, Livepush is
 * only ever asked for scopes the app allows (`allowedScopes`, default: `scopes`), so another site
 * cannot get your users to grant your app more than it needs.
 */

const CROSS_SITE = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' };

describe('allowedScopes', () => {
  it('by default only the configured scopes: a (cross-site) link asking for more is refused before Livepush', async () => {
    const { browser, mock } = await setupTest();
    const beyond = LIVEPUSH_SCOPES.filter((scope) => scope !== 'profile.read' && scope !== 'streams.read');
    for (const scope of [...beyond, 'profile.read streams.delete', 'streams.read,auth.modify']) {
      for (const headers of [CROSS_SITE, SAME_ORIGIN, {}]) {
        const response = await browser.app(`/auth/login?scope=${encodeURIComponent(scope)}`, { headers });
        expect([scope, response.status]).toEqual([scope, 400]);
        expect(await response.json()).toMatchObject({ code: 'invalid_scope' });
        expect(response.headers.getSetCookie()).toEqual([]);
      }
    }
    expect(mock.stats().authorizeRequests).toBe(0);
    // Within the configured scopes, a link works from anywhere.
    const allowed = await browser.app('/auth/login?scope=streams.read', { headers: CROSS_SITE });
    expect(allowed.status).toBe(302);
    expect(new URL(allowed.headers.get('location')!).searchParams.get('scope')).toBe('streams.read');
  });

  it('lists the scopes asked for later (incremental consent); still nothing beyond them', async () => {
    const { browser, mock } = await setupTest({
      auth: { allowedScopes: ['profile.read', 'streams.read', 'streams.create'] },
    });
    await browser.signIn();
    const upgrade = await browser.app('/auth/login?scope=streams.create');
    expect(upgrade.status).toBe(302);
    expect(new URL(upgrade.headers.get('location')!).searchParams.get('scope')).toBe(
      'profile.read streams.read streams.create',
    );
    const tooMuch = await browser.app('/auth/login?scope=streams.create%20streams.delete');
    expect(tooMuch.status).toBe(400);
    expect(mock.stats().authorizeRequests).toBe(1);
    await browser.signIn('?scope=streams.create');
    expect(await browser.session()).toMatchObject({
      scopes: ['profile.read', 'streams.read', 'streams.create'],
    });
  });

  it('must name real scopes and include every configured scope (invalid_config otherwise)', async () => {
    await expect(setupTest({ auth: { allowedScopes: ['streams.read'] } })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining(
        'allowedScopes must include every scope of scopes (missing profile.read)',
      ),
    });
    await expect(
      setupTest({ auth: { allowedScopes: 'profile.read streams.read streams.everything' } }),
    ).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('allowedScopes: Unknown Livepush scope'),
    });
  });
});
