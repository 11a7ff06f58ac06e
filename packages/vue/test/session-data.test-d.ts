// An app declares its session data once (module augmentation); `useLivepush().data` is typed by it.
import type { LivepushSessionData } from '@livepush/auth-core';
import type { AuthSnapshot, RefreshOptions, SignOutOptions } from '@livepush/auth-core/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { ComputedRef } from 'vue';
import { useLivepush } from '../src/index';

declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId: string;
    role: 'admin' | 'member';
  }
}

describe('useLivepush().data', () => {
  it('is a readonly ref of the app’s declared LivepushSessionData (null signed out)', () => {
    const auth = useLivepush();
    expectTypeOf(auth.data).toEqualTypeOf<ComputedRef<LivepushSessionData | null>>();
    expectTypeOf(auth.data.value?.role).toEqualTypeOf<'admin' | 'member' | undefined>();
    // @ts-expect-error not a declared field
    void auth.data.value?.plan;
    // @ts-expect-error the ref is readonly
    auth.data.value = null;
  });

  it('signOut and refresh take their options', () => {
    const auth = useLivepush();
    expectTypeOf(auth.signOut).toEqualTypeOf<(options?: SignOutOptions) => Promise<void>>();
    expectTypeOf(auth.refresh).toEqualTypeOf<(options?: RefreshOptions) => Promise<AuthSnapshot>>();
    // @ts-expect-error not an option of signOut
    void auth.signOut({ redirectTo: '/' });
  });
});
