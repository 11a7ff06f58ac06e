import type { LivepushApi } from '@livepush/auth-core';
import type { AuthClient } from '@livepush/auth-core/client';
import type { SessionSummary } from '@livepush/auth-core/server';
import type { H3Event } from 'h3';
import type { NuxtApp, PageMeta } from 'nuxt/app';
import { describe, expectTypeOf, it } from 'vitest';
import type { LivepushModuleOptions } from '../src/module';
import { getLivepushSession, requireLivepushSession, useLivepushApi } from '../src/runtime/server/utils';

declare const event: H3Event;

describe('types', () => {
  it('definePageMeta({ livepush }): true or known scopes; a typo fails to compile', () => {
    expectTypeOf<{ scopes: ['streams.read'] }>().toMatchTypeOf<NonNullable<PageMeta['livepush']>>();
    expectTypeOf<true>().toMatchTypeOf<NonNullable<PageMeta['livepush']>>();
    expectTypeOf<{ scopes: ['streams.reed'] }>().not.toMatchTypeOf<NonNullable<PageMeta['livepush']>>();
  });

  it('the auto-imported useLivepush() is @livepush/auth-vue’s: same return shape', () => {
    expectTypeOf<typeof import('../src/runtime/app/composables').useLivepush>().toEqualTypeOf<
      typeof import('@livepush/auth-vue').useLivepush
    >();
  });

  it('useNuxtApp().$livepush is the browser store', () => {
    expectTypeOf<NuxtApp['$livepush']>().toEqualTypeOf<AuthClient>();
  });

  it('server utilities', () => {
    expectTypeOf(getLivepushSession(event)).toEqualTypeOf<Promise<SessionSummary | null>>();
    expectTypeOf(requireLivepushSession(event, 'streams.read')).toEqualTypeOf<Promise<SessionSummary>>();
    // @ts-expect-error a scope that does not exist
    void requireLivepushSession(event, 'streams.reed');
    expectTypeOf(useLivepushApi(event)).toEqualTypeOf<LivepushApi>();
  });

  it('nuxt.config `livepush` takes no secret', () => {
    expectTypeOf<LivepushModuleOptions>().toHaveProperty('scopes');
    expectTypeOf<LivepushModuleOptions>().not.toHaveProperty('clientSecret');
    expectTypeOf<LivepushModuleOptions>().not.toHaveProperty('secret');
    expectTypeOf<LivepushModuleOptions>().not.toHaveProperty('fetch');
  });
});
