// An app declares its session data once (module augmentation); auth() and the #18 helpers carry it typed.
import type { LivepushSessionData, LivepushSessionInfo, SessionSummary } from '@livepush/auth-core/server';
import type { LivepushAuthState } from '@livepush/auth-next/client';
import { describe, expectTypeOf, it } from 'vitest';
import { createLivepushNext, type LivepushNextOptions } from '../src/index';

// Optional fields: with required ones, the core's own source (compiled here from the workspace) does not
// type-check yet (request-context.ts builds `data` as a Record; reported to the core).
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId?: string;
    role?: 'admin' | 'member';
  }
}

const livepush = createLivepushNext(() => ({
  clientId: 'id',
  clientSecret: 'secret',
  redirectUri: 'https://app.example.com/auth/callback',
  secret: 'x'.repeat(32),
  onSignIn: () => ({ data: { appUserId: 'u1', role: 'member' as const } }),
}));

describe('the app’s session data in Next.js', () => {
  it('auth() and useLivepushAuth() carry the declared data', async () => {
    const session = await livepush.auth();
    if (session) expectTypeOf(session.data.role).toEqualTypeOf<'admin' | 'member' | undefined>();
    const state = {} as LivepushAuthState;
    if (state.isAuthenticated) expectTypeOf(state.data).toEqualTypeOf<LivepushSessionData>();
  });

  it('updateSession, refreshProfile, signOutUser, listSessions and signOut({ everywhere })', () => {
    expectTypeOf(livepush.updateSession).parameter(0).toEqualTypeOf<{ data: LivepushSessionData }>();
    expectTypeOf(livepush.updateSession).returns.toEqualTypeOf<Promise<SessionSummary>>();
    // @ts-expect-error role is 'admin' | 'member'
    void livepush.updateSession({ data: { appUserId: 'u1', role: 'owner' } });
    expectTypeOf(livepush.refreshProfile).returns.toEqualTypeOf<Promise<SessionSummary>>();
    expectTypeOf(livepush.signOutUser).toEqualTypeOf<(userId: string) => Promise<number>>();
    expectTypeOf(livepush.listSessions).returns.toEqualTypeOf<Promise<LivepushSessionInfo[]>>();
    void livepush.signOut({ everywhere: true, redirectTo: '/' });
    // @ts-expect-error onSignIn's data must be the declared shape
    const refused: LivepushNextOptions['onSignIn'] = () => ({ data: { appUserId: 'u1', role: 'owner' } });
    void refused;
  });
});
