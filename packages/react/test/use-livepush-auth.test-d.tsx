import type {
  AuthClientError,
  AuthSnapshot,
  LivepushScope,
  LivepushUser,
  RefreshOptions,
  SignInOptions,
  SignOutOptions,
} from '@livepush/auth-core/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  LivepushAuthProvider,
  type LivepushAuthProviderProps,
  type LivepushAuthState,
  RequireScopes,
  type ScopeRequest,
  useHasScopes,
  useLivepushAuth,
  useRequestScopes,
} from '../src';

describe('useLivepushAuth() result', () => {
  const auth = {} as LivepushAuthState;

  it('has the documented fields', () => {
    expectTypeOf(auth.status).toEqualTypeOf<'loading' | 'authenticated' | 'unauthenticated'>();
    expectTypeOf(auth.isLoading).toEqualTypeOf<boolean>();
    expectTypeOf(auth.isAuthenticated).toEqualTypeOf<boolean>();
    expectTypeOf(auth.user).toEqualTypeOf<LivepushUser | null>();
    expectTypeOf(auth.scopes).toEqualTypeOf<readonly LivepushScope[]>();
    expectTypeOf(auth.expiresAt).toEqualTypeOf<number | null>();
    expectTypeOf(auth.error).toEqualTypeOf<AuthClientError | null>();
    expectTypeOf(auth.signIn).toEqualTypeOf<(options?: SignInOptions) => void>();
    expectTypeOf(auth.signOut).toEqualTypeOf<(options?: SignOutOptions) => Promise<void>>();
    expectTypeOf(auth.refresh).toEqualTypeOf<(options?: RefreshOptions) => Promise<AuthSnapshot>>();
    expectTypeOf(auth.hasScopes).parameter(0).toEqualTypeOf<readonly LivepushScope[]>();
    expectTypeOf(auth.fetch).returns.toEqualTypeOf<Promise<Response>>();
    expectTypeOf(useLivepushAuth).returns.toEqualTypeOf<LivepushAuthState>();
  });

  it('narrows on isAuthenticated and status', () => {
    if (auth.isAuthenticated) {
      expectTypeOf(auth.status).toEqualTypeOf<'authenticated'>();
      expectTypeOf(auth.expiresAt).toEqualTypeOf<number>();
      expectTypeOf(auth.user).toEqualTypeOf<LivepushUser | null>();
    } else {
      expectTypeOf(auth.expiresAt).toEqualTypeOf<null>();
      expectTypeOf(auth.user).toEqualTypeOf<null>();
    }
    if (auth.status === 'loading') expectTypeOf(auth.isLoading).toEqualTypeOf<true>();
  });

  it('only accepts known scopes', () => {
    // @ts-expect-error not a Livepush scope
    auth.hasScopes(['streams.nope']);
    // @ts-expect-error not a Livepush scope
    auth.signIn({ scopes: ['everything'] });
    expectTypeOf(useHasScopes).returns.toEqualTypeOf<boolean>();
    expectTypeOf(useRequestScopes).returns.toEqualTypeOf<ScopeRequest>();
  });
});

describe('LivepushAuthProvider props', () => {
  it('takes a client or client options, not both', () => {
    expectTypeOf<{
      basePath: '/api/auth';
      initialSession: null;
    }>().toMatchTypeOf<LivepushAuthProviderProps>();
    expectTypeOf<{
      client: import('@livepush/auth-core/client').AuthClient;
    }>().toMatchTypeOf<LivepushAuthProviderProps>();
    // @ts-expect-error a given client is configured already
    <LivepushAuthProvider client={{} as import('@livepush/auth-core/client').AuthClient} basePath="/x" />;
    // @ts-expect-error fallback receives the request, not a string
    <RequireScopes scopes={['streams.read']} fallback={(r: string) => r} />;
  });
});
