import type {
  AuthClient,
  AuthClientError,
  AuthStatus,
  LivepushScope,
  LivepushUser,
} from '@livepush/auth-core/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { ComputedRef, InjectionKey, ObjectPlugin, Plugin } from 'vue';
import type { NavigationGuardWithThis, RouteMeta } from 'vue-router';
import {
  type CreateLivepushOptions,
  createLivepush,
  LIVEPUSH_CLIENT_KEY,
  type UseLivepushReturn,
  useLivepush,
  useLivepushClient,
} from '../src/index';
import { createLivepushGuard } from '../src/router';

describe('public types', () => {
  it('createLivepush is a Vue plugin that takes the store options or a store', () => {
    expectTypeOf(createLivepush()).toExtend<Plugin>();
    expectTypeOf(createLivepush()).toExtend<ObjectPlugin<[]>>();
    expectTypeOf(createLivepush().client).toEqualTypeOf<AuthClient>();
    expectTypeOf<CreateLivepushOptions>().toHaveProperty('initialSession');
    expectTypeOf<CreateLivepushOptions['client']>().toEqualTypeOf<AuthClient | undefined>();
    expectTypeOf(LIVEPUSH_CLIENT_KEY).toEqualTypeOf<InjectionKey<AuthClient>>();
    expectTypeOf(useLivepushClient).returns.toEqualTypeOf<AuthClient>();
  });

  it('useLivepush returns readonly refs and typed actions', () => {
    const auth = useLivepush();
    expectTypeOf(auth).toEqualTypeOf<UseLivepushReturn>();
    expectTypeOf(auth.status).toEqualTypeOf<ComputedRef<AuthStatus>>();
    expectTypeOf(auth.isLoading.value).toBeBoolean();
    expectTypeOf(auth.isAuthenticated.value).toBeBoolean();
    expectTypeOf(auth.user.value).toEqualTypeOf<LivepushUser | null>();
    expectTypeOf(auth.scopes.value).toEqualTypeOf<readonly LivepushScope[]>();
    expectTypeOf(auth.expiresAt.value).toEqualTypeOf<number | null>();
    expectTypeOf(auth.error.value).toEqualTypeOf<AuthClientError | null>();
    // @ts-expect-error the refs are readonly
    auth.isAuthenticated.value = true;
    // @ts-expect-error scopes are checked
    auth.hasScopes(['streams.launch']);
    // @ts-expect-error scopes are checked
    auth.signIn({ scopes: ['nope'] });
    expectTypeOf(auth.signOut).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(auth.fetch).returns.toEqualTypeOf<Promise<Response>>();
  });

  it('the router entry types the guard and augments RouteMeta', () => {
    expectTypeOf(createLivepushGuard()).toEqualTypeOf<NavigationGuardWithThis<undefined>>();
    expectTypeOf<RouteMeta['livepushScopes']>().toEqualTypeOf<readonly LivepushScope[] | undefined>();
    expectTypeOf<RouteMeta['livepushAuth']>().toEqualTypeOf<boolean | undefined>();
    const meta: RouteMeta = { livepushScopes: ['streams.read'] };
    // @ts-expect-error unknown scope in route meta
    const bad: RouteMeta = { livepushScopes: ['streams.launch'] };
    expectTypeOf(meta).toEqualTypeOf(bad);
  });
});
