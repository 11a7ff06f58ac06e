import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiForPath, LIVEPUSH_API_ROUTES, requiredScopeFor } from '../../src/api/endpoints-table';
import { isLivepushScope, scopeApi } from '../../src/scopes';

describe('LIVEPUSH_API_ROUTES', () => {
  it('lists every documented endpoint once, with a scope of its own API (VOD import: a streams scope)', () => {
    const keys = LIVEPUSH_API_ROUTES.map((route) => `${route.method} ${route.api} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(11);
    for (const route of LIVEPUSH_API_ROUTES) {
      expect(isLivepushScope(route.scope)).toBe(true);
      expect(scopeApi(route.scope)).toBe(route.api === 'vod' ? 'streams' : route.api);
      expect(apiForPath(route.path)).toBe(route.api);
      expect(Object.isFrozen(route)).toBe(true);
    }
    expect(Object.isFrozen(LIVEPUSH_API_ROUTES)).toBe(true);
  });
});

describe('requiredScopeFor', () => {
  it.each([
    ['GET', 'accounts', '/account/this', 'profile.read'],
    ['GET', 'accounts', '/account/subscriptions', 'subscriptions.read'],
    ['GET', 'streams', '/streams/mine', 'streams.read'],
    ['POST', 'streams', '/streams', 'streams.create'],
    ['GET', 'streams', '/streams/st_4f8a2c1e9b3d7a60', 'streams.read'],
    ['GET', 'streams', '/streams/me/destinations', 'streams.destinations.read'],
    ['PUT', 'streams', '/streams/st_1/destinations/pb_2/enable', 'streams.destinations.write'],
    ['PUT', 'streams', '/streams/st_1/destinations/pb_2/disable', 'streams.destinations.write'],
    ['GET', 'streams', '/streams/me/recordings', 'streams.videos.read'],
    ['PUT', 'streams', '/streams/st_1/config/scheduler/playlist', 'streams.write'],
    ['POST', 'vod', '/inspector/get_metadata', 'streams.videos.write'],
  ] as const)('%s %s %s → %s', (method, api, path, scope) => {
    expect(requiredScopeFor(method, api, path)).toBe(scope);
  });

  it('ignores the query string and method case; HEAD counts as GET', () => {
    expect(requiredScopeFor('get', 'streams', '/streams/mine?limit=3#x')).toBe('streams.read');
    expect(requiredScopeFor('HEAD', 'accounts', '/account/this')).toBe('profile.read');
  });

  it('returns undefined for unknown endpoints, wrong API or method, and unsafe parameters', () => {
    for (const [method, api, path] of [
      ['GET', 'streams', '/account/this'],
      ['DELETE', 'streams', '/streams/mine'],
      ['POST', 'streams', '/streams/mine'],
      ['GET', 'streams', '/streams'],
      ['GET', 'streams', '/streams/'],
      ['GET', 'streams', '/streams/mine/'],
      ['GET', 'streams', '/streams/..'],
      ['GET', 'streams', '/streams/.'],
      ['GET', 'streams', '/streams/%2e%2E'],
      ['GET', 'streams', '/streams/a%2Fb'],
      ['GET', 'streams', '/streams/a%5Cb'],
      ['GET', 'streams', '/streams/%E0%A4%A'],
      ['PUT', 'streams', '/streams/st_1/destinations//enable'],
      ['GET', 'streams', 'streams/mine'],
      ['GET', 'streams', ''],
      ['GET', 'accounts', '/account/this/extra'],
    ] as const) {
      expect(requiredScopeFor(method, api, path), `${method} ${api} ${path}`).toBeUndefined();
    }
  });

  it('static routes win over parameters: /streams/me/* are not streams ids', () => {
    expect(requiredScopeFor('GET', 'streams', '/streams/me/recordings')).toBe('streams.videos.read');
    expect(requiredScopeFor('GET', 'streams', '/streams/me')).toBe('streams.read');
  });

  it('any id without slashes or dot segments matches a {param} segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        fc.pre(id !== '.' && id !== '..' && !/[/\\]/.test(id));
        const path = `/streams/${encodeURIComponent(id)}/config/scheduler/playlist`;
        expect(requiredScopeFor('PUT', 'streams', path)).toBe('streams.write');
      }),
    );
  });

  it('is fast enough for a proxy hot path', () => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++)
      requiredScopeFor('PUT', 'streams', `/streams/st_${i}/destinations/pb_1/enable`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('apiForPath', () => {
  it('maps /account… to accounts, /inspector… to vod and everything else to streams', () => {
    expect(apiForPath('/account/this')).toBe('accounts');
    expect(apiForPath('/account/subscriptions?x=1')).toBe('accounts');
    expect(apiForPath('/streams/mine')).toBe('streams');
    expect(apiForPath('/streams/me/destinations')).toBe('streams');
    expect(apiForPath('/inspector/get_metadata')).toBe('vod');
  });
});
