import {
  isLivepushAuthError,
  type LivepushApi,
  LivepushAuthError,
  type LivepushScope,
  missingScopes,
  parseScopes,
} from '@livepush/auth-core';
import {
  createLivepushAuth,
  type LivepushAuth,
  type SessionSummary,
  type SignInOptions,
  safeReturnTo,
} from '@livepush/auth-core/server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { createHandlers } from './handlers';
import { processHandoff } from './handoff';
import { type Incoming, incoming } from './incoming';
import { createProxy } from './proxy';
import type { LivepushNext, LivepushNextConfig, LivepushNextOptions, SignOutOptions } from './types';

/** The form fields of a sign-in form as options (`scope`, repeatable or space-separated; `returnTo`). */
function signInFields(form: FormData): SignInOptions {
  const scopes = form.getAll('scope').filter((value): value is string => typeof value === 'string');
  const returnTo = form.get('returnTo');
  return {
    ...(scopes.length > 0 ? { scopes: parseScopes(scopes.join(' ')) } : {}),
    ...(typeof returnTo === 'string' && returnTo !== '' ? { returnTo } : {}),
  };
}

/** The form fields of a sign-out form as options (`redirectTo`; `everywhere` when present and not `false`). */
function signOutFields(form: FormData): SignOutOptions {
  const redirectTo = form.get('redirectTo');
  const everywhere = form.get('everywhere');
  return {
    ...(typeof redirectTo === 'string' ? { redirectTo } : {}),
    ...(everywhere !== null && everywhere !== 'false' ? { everywhere: true } : {}),
  };
}

/**
 * Livepush sign-in for the Next.js App Router, from one call: the route handlers, `auth()` for Server
 * Components, the proxy that refreshes sessions before rendering, and Server Actions.
 *
 * Nothing is validated or created until the first request, so `next build` runs without your secrets;
 * a problem with the options then fails every request with `LivepushAuthError` `invalid_config`.
 *
 * @example
 * ```ts
 * // lib/livepush.ts
 * export const { handlers, auth, proxy, requireScopes, signIn, signOut, getAccessToken } = createLivepushNext({
 *   clientId: process.env.LIVEPUSH_CLIENT_ID!,
 *   clientSecret: process.env.LIVEPUSH_CLIENT_SECRET!,
 *   redirectUri: 'https://app.example.com/auth/callback',
 *   secret: process.env.SESSION_SECRET!,
 *   scopes: ['profile.read', 'streams.read'],
 * });
 * ```
 */
export function createLivepushNext(config: LivepushNextConfig): LivepushNext {
  if (typeof config !== 'function' && (typeof config !== 'object' || config === null)) {
    throw new LivepushAuthError(
      'invalid_config',
      'createLivepushNext() needs the options of createLivepushAuth (or a function returning them); see the README.',
    );
  }
  let options: LivepushNextOptions | undefined;
  let instance: LivepushAuth | undefined;
  const resolved = () => {
    options ??= typeof config === 'function' ? config() : config;
    return options;
  };
  const core = () => {
    if (!instance) {
      const { protect: _protect, ...coreOptions } = resolved();
      instance = createLivepushAuth(coreOptions);
    }
    return instance;
  };
  const handoff = processHandoff();

  /** One context per request (keyed by Next.js' headers object), whichever helper asks first. */
  const perRequest = new WeakMap<object, Incoming>();
  async function current(): Promise<Incoming> {
    // Request data first, and the request itself: nothing reads the clock (session expiry) before
    // the render is known to run for a request. Prerendering with `cacheComponents` (at build, or a
    // runtime prefetch) stops here instead of failing on Date.now().
    const requestHeaders = await headers();
    const requestCookies = await cookies();
    await connection();
    let found = perRequest.get(requestHeaders);
    if (!found) {
      found = incoming(core(), handoff, requestHeaders, requestCookies);
      perRequest.set(requestHeaders, found);
    }
    return found;
  }

  return {
    handlers: createHandlers(core, handoff),
    proxy: createProxy({ core, protect: () => resolved().protect, handoff }),

    async auth() {
      return (await current()).context.getSession();
    },

    async requireScopes(...scopes: LivepushScope[]): Promise<SessionSummary> {
      const needed = parseScopes(scopes);
      const { context, url } = await current();
      const session = await context.getSession();
      const missing = session ? missingScopes(session.scopes, needed) : needed;
      if (session && missing.length === 0) return session;
      if (url.searchParams.has('error')) {
        // Back from a refused sign-in: show it instead of sending the user to Livepush again.
        throw session
          ? new LivepushAuthError(
              'missing_scopes',
              `This page needs ${missing.join(', ')}, which was not granted; ask the user again from a button.`,
              { missingScopes: missing },
            )
          : new LivepushAuthError('unauthenticated', 'Signing in with Livepush did not complete; try again.');
      }
      const scopesToAsk = session
        ? missing
        : needed.length > 0
          ? parseScopes([...core().client.scopes, ...needed])
          : undefined;
      redirect(context.signInUrl({ scopes: scopesToAsk }));
    },

    async signIn(input) {
      const { context } = await current();
      const signInOptions = input instanceof FormData ? signInFields(input) : (input ?? {});
      redirect(context.signInUrl(signInOptions));
    },

    async signOut(input) {
      const { context, url } = await current();
      const options = input instanceof FormData ? signOutFields(input) : (input ?? {});
      const redirectTo = safeReturnTo(options.redirectTo, url.origin, '/');
      const userId = options.everywhere ? (await context.getSession())?.userId : null;
      try {
        await context.signOut();
        // The user's other sessions, only once the request passed sign-out's method and origin check.
        if (userId) await core().signOutUser(userId);
      } catch (error) {
        if (isLivepushAuthError(error) && error.code === 'invalid_request') {
          throw new LivepushAuthError(
            'invalid_request',
            `${error.message} Call signOut() from a Server Action (a form's action), not while rendering.`,
            { cause: error, ...(error.status === undefined ? {} : { status: error.status }) },
          );
        }
        throw error;
      }
      redirect(redirectTo);
    },

    async updateSession(update) {
      return (await current()).context.updateSession(update);
    },

    async refreshProfile() {
      return (await current()).context.refreshProfile();
    },

    signOutUser: (userId) => core().signOutUser(userId),

    listSessions: (userId) => core().listSessions(userId),

    async getAccessToken() {
      return (await current()).context.getAccessToken();
    },

    async api(): Promise<LivepushApi> {
      return (await current()).context.api;
    },
  };
}
