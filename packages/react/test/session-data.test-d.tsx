// An app declares its session data once (module augmentation); `useLivepushAuth().data` is typed by it.
import type { LivepushSessionData } from '@livepush/auth-core';
import { describe, expectTypeOf, it } from 'vitest';
import { type LivepushAuthState, useLivepushAuth } from '../src';

declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId: string;
    role: 'admin' | 'member';
  }
}

describe('useLivepushAuth().data', () => {
  const auth = {} as LivepushAuthState;

  it('is the app’s declared LivepushSessionData once signed in, null otherwise', () => {
    expectTypeOf(useLivepushAuth().data).toEqualTypeOf<LivepushSessionData | null>();
    if (auth.isAuthenticated) {
      expectTypeOf(auth.data).toEqualTypeOf<LivepushSessionData>();
      expectTypeOf(auth.data.role).toEqualTypeOf<'admin' | 'member'>();
      expectTypeOf(auth.data.appUserId).toBeString();
      // @ts-expect-error not a declared field
      void auth.data.plan;
    } else {
      expectTypeOf(auth.data).toEqualTypeOf<null>();
    }
  });

  it('signOut and refresh take their options', () => {
    void auth.signOut({ everywhere: true });
    void auth.refresh({ profile: true });
    // @ts-expect-error not an option of signOut
    void auth.signOut({ everywhere: true, redirectTo: '/' });
  });
});
