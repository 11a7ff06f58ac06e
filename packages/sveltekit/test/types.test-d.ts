import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import type { Actions, Handle, RequestEvent, ServerLoad } from '@sveltejs/kit';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createLivepushHandle,
  type LivepushContext,
  type LivepushLocals,
  loadSession,
  type ResumedForm,
  type SessionPayload,
  type SessionSummary,
  signInAction,
  signOutAction,
} from '../src/index';

// What an app writes in src/app.d.ts (see the README).
declare global {
  namespace App {
    interface Locals extends LivepushLocals {}
  }
}

declare const options: LivepushAuthOptions;
declare const event: RequestEvent;

describe('createLivepushHandle', () => {
  it('returns a Handle from options, an instance or a function of the event', () => {
    expectTypeOf(createLivepushHandle(options)).toEqualTypeOf<Handle>();
    expectTypeOf(
      createLivepushHandle((e) => (e.url.hostname === 'a' ? options : options)),
    ).toEqualTypeOf<Handle>();
    expectTypeOf(createLivepushHandle(async () => options)).toEqualTypeOf<Handle>();
    // @ts-expect-error options are required
    createLivepushHandle();
    // @ts-expect-error not options
    createLivepushHandle({ clientId: 'x' });
  });
});

describe('event.locals.livepush (with the app.d.ts snippet)', () => {
  it('is typed', () => {
    expectTypeOf(event.locals.livepush).toEqualTypeOf<LivepushContext>();
    expectTypeOf(event.locals.livepush.getSession()).resolves.toEqualTypeOf<SessionSummary | null>();
    expectTypeOf(event.locals.livepush.getAccessToken()).resolves.toBeString();
    expectTypeOf(
      event.locals.livepush.requireScopes('streams.read'),
    ).resolves.toEqualTypeOf<SessionSummary>();
    expectTypeOf(event.locals.livepush.api.streams.list).toBeFunction();
  });

  it('takes Livepush scopes only', () => {
    // @ts-expect-error not a Livepush scope
    event.locals.livepush.requireScopes('streams.everything');
    // @ts-expect-error not a Livepush scope
    event.locals.livepush.signInUrl({ scopes: ['nope'] });
  });

  it('requireScopes keeps a form across consent; resumed() gives it back', () => {
    expectTypeOf(
      event.locals.livepush.requireScopes(['streams.create'], { resume: new FormData() }),
    ).resolves.toEqualTypeOf<SessionSummary>();
    expectTypeOf(
      event.locals.livepush.requireScopes(['streams.create'], { resume: { name: 'x' } }),
    ).resolves.toEqualTypeOf<SessionSummary>();
    expectTypeOf(event.locals.livepush.resumed()).resolves.toEqualTypeOf<ResumedForm | null>();
    // @ts-expect-error not a Livepush scope
    event.locals.livepush.requireScopes(['nope'], { resume: {} });
    // @ts-expect-error fields are strings
    event.locals.livepush.requireScopes(['streams.create'], { resume: { count: 1 } });
  });

  it('signIn never returns (it throws a redirect)', () => {
    expectTypeOf(event.locals.livepush.signIn).returns.toBeNever();
  });
});

describe('page helpers', () => {
  it('loadSession is a server load whose data holds no token', () => {
    const load = loadSession satisfies ServerLoad;
    expectTypeOf(load).returns.resolves.toEqualTypeOf<{ session: SessionPayload }>();
    type Session = Awaited<ReturnType<typeof loadSession>>['session'];
    expectTypeOf<Extract<Session, { authenticated: true }>>().not.toHaveProperty('accessToken');
    expectTypeOf<Extract<Session, { authenticated: true }>>().not.toHaveProperty('refreshToken');
  });

  it('the actions drop into any actions object', () => {
    const actions = { signIn: signInAction(), signOut: signOutAction({ redirectTo: '/' }) } satisfies Actions;
    expectTypeOf(actions.signOut).returns.resolves.toBeNever();
    // @ts-expect-error not a Livepush scope
    signInAction({ scopes: ['nope'] });
  });
});
