// An app declares its session data once (module augmentation); locals and page data carry it typed.
import type { LivepushSessionData, LivepushSessionInfo } from '@livepush/auth-core/server';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expectTypeOf, it } from 'vitest';
import { type LivepushContext, loadSession, type SessionSummary, signOutAction } from '../src/index';

// Optional fields: with required ones, the core's own source (compiled here from the workspace) does not
// type-check yet (request-context.ts builds `data` as a Record; reported to the core).
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId?: string;
    role?: 'admin' | 'member';
  }
}

declare const context: LivepushContext;
declare const event: RequestEvent;

describe('the app’s session data in SvelteKit', () => {
  it('locals.livepush: the session’s data, updateSession/refreshProfile, signOutUser/listSessions', async () => {
    const session = await context.getSession();
    if (session) expectTypeOf(session.data.role).toEqualTypeOf<'admin' | 'member' | undefined>();
    expectTypeOf(context.updateSession).parameter(0).toEqualTypeOf<{ data: LivepushSessionData }>();
    expectTypeOf(context.updateSession).returns.toEqualTypeOf<Promise<SessionSummary>>();
    // @ts-expect-error role is 'admin' | 'member'
    void context.updateSession({ data: { appUserId: 'u1', role: 'owner' } });
    expectTypeOf(context.refreshProfile).returns.toEqualTypeOf<Promise<SessionSummary>>();
    expectTypeOf(context.signOutUser).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(context.listSessions).returns.toEqualTypeOf<Promise<LivepushSessionInfo[]>>();
    void context.signOut({ everywhere: true, redirectTo: '/' });
    signOutAction({ everywhere: true });
  });

  it('page data from loadSession carries the typed data', async () => {
    const { session } = await loadSession(event);
    if (session.authenticated) expectTypeOf(session.data.appUserId).toEqualTypeOf<string | undefined>();
  });
});
