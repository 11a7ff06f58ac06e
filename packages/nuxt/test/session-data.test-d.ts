// An app declares its session data once (module augmentation); useLivepush() and the server utilities
// carry it typed.
import type { LivepushSessionData, LivepushSessionInfo, SessionSummary } from '@livepush/auth-core/server';
import type { H3Event } from 'h3';
import { describe, expectTypeOf, it } from 'vitest';
import type { ComputedRef } from 'vue';
import { useLivepush } from '../src/runtime/app/composables';
import { configureLivepushServer } from '../src/runtime/server/instance';
import {
  getLivepushSession,
  listLivepushSessions,
  refreshLivepushProfile,
  signOutLivepushUser,
  updateLivepushSession,
} from '../src/runtime/server/utils';

// Optional fields: with required ones, the core's own source (compiled here from the workspace) does not
// type-check yet (request-context.ts builds `data` as a Record; reported to the core).
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId?: string;
    role?: 'admin' | 'member';
  }
}

declare const event: H3Event;

describe('the app’s session data in Nuxt', () => {
  it('useLivepush().data and getLivepushSession carry the declared data', async () => {
    expectTypeOf(useLivepush().data).toEqualTypeOf<ComputedRef<LivepushSessionData | null>>();
    const session = await getLivepushSession(event);
    if (session) expectTypeOf(session.data.role).toEqualTypeOf<'admin' | 'member' | undefined>();
  });

  it('the server utilities', () => {
    expectTypeOf(updateLivepushSession(event, { data: { appUserId: 'u1', role: 'admin' } })).toEqualTypeOf<
      Promise<SessionSummary>
    >();
    // @ts-expect-error role is 'admin' | 'member'
    void updateLivepushSession(event, { data: { appUserId: 'u1', role: 'owner' } });
    expectTypeOf(refreshLivepushProfile(event)).toEqualTypeOf<Promise<SessionSummary>>();
    expectTypeOf(signOutLivepushUser('u1')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(listLivepushSessions('u1')).toEqualTypeOf<Promise<LivepushSessionInfo[]>>();
  });

  it('configureLivepushServer takes what runtime config cannot carry: a store, onSignIn…', () => {
    configureLivepushServer({ onSignIn: ({ user }) => (user?.isDisabled ? false : undefined) });
    // @ts-expect-error JSON options belong in nuxt.config / the environment
    configureLivepushServer({ clientId: 'x' });
  });
});
