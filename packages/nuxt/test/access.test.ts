import type { AuthSnapshot } from '@livepush/auth-core/client';
import { describe, expect, it } from 'vitest';
import { pageAccess } from '../src/runtime/app/access';

const config = { basePath: '/auth', scopes: ['profile.read'] as const };
const snapshot = (status: AuthSnapshot['status'], scopes: AuthSnapshot['scopes'] = []): AuthSnapshot => ({
  status,
  scopes,
  user: null,
  data: status === 'authenticated' ? {} : null,
  expiresAt: status === 'authenticated' ? Date.now() + 60_000 : null,
  error: null,
});
const to = (fullPath: string, query: Record<string, unknown> = {}) => ({ fullPath, query });

describe('pageAccess (the route middleware’s decision)', () => {
  it('pages without `livepush` meta are open to everyone', () => {
    expect(pageAccess(undefined, snapshot('unauthenticated'), to('/'), config)).toEqual({ action: 'allow' });
  });

  it('signed out: sign in with the app’s default scopes plus the page’s, back to the page', () => {
    const access = pageAccess(
      { scopes: ['streams.read'] },
      snapshot('unauthenticated'),
      to('/streams?tab=2'),
      config,
    );
    expect(access).toEqual({
      action: 'sign-in',
      url: '/auth/login?scope=profile.read+streams.read&returnTo=%2Fstreams%3Ftab%3D2',
    });
    expect(pageAccess(true, snapshot('unauthenticated'), to('/me'), config)).toEqual({
      action: 'sign-in',
      url: '/auth/login?scope=profile.read&returnTo=%2Fme',
    });
  });

  it('signed in: in with the scopes; without them, incremental consent for the page’s scopes', () => {
    const granted = snapshot('authenticated', ['profile.read', 'streams.read']);
    expect(pageAccess({ scopes: ['streams.read'] }, granted, to('/streams'), config)).toEqual({
      action: 'allow',
    });
    expect(pageAccess(true, snapshot('authenticated', ['profile.read']), to('/'), config)).toEqual({
      action: 'allow',
    });
    expect(pageAccess({ scopes: ['streams.create'] }, granted, to('/new'), config)).toEqual({
      action: 'sign-in',
      url: '/auth/login?scope=streams.create&returnTo=%2Fnew',
    });
  });

  it('back from a failed sign-in (?error=): shows the failure instead of asking again', () => {
    expect(
      pageAccess(true, snapshot('unauthenticated'), to('/me', { error: 'access_denied' }), config),
    ).toEqual({
      action: 'failed',
      code: 'access_denied',
      status: 401,
    });
    const granted = snapshot('authenticated', ['profile.read']);
    expect(
      pageAccess({ scopes: ['streams.read'] }, granted, to('/s', { error: 'access_denied' }), config),
    ).toEqual({ action: 'failed', code: 'access_denied', status: 403 });
  });

  it('a session not known yet: wait (the browser fetches it)', () => {
    expect(pageAccess(true, snapshot('loading'), to('/me'), config)).toEqual({ action: 'wait' });
  });
});
