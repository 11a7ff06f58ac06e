import type { LivepushApi, LivepushScope } from '@livepush/auth-core';
import type {
  LivepushAuthOptions,
  LivepushSessionInfo,
  SessionSummary,
  SignInOptions,
  UpdateSessionOptions,
} from '@livepush/auth-core/server';
import type { NextFetchEvent, NextRequest, NextResponse } from 'next/server';

/**
 * A path the proxy guards: a path prefix (`'/streams'` covers `/streams` and `/streams/…`), optionally
 * with the scopes it needs.
 */
export type ProtectedPath = string | { path: string; scopes?: readonly LivepushScope[] };

/**
 * Which requests the proxy guards: a list of {@link ProtectedPath}s, or a function of the request that
 * answers `true` (a session is needed), the scopes needed, or `false`.
 */
export type ProtectOption =
  | readonly ProtectedPath[]
  | ((request: NextRequest) => boolean | readonly LivepushScope[]);

/** Options of `createLivepushNext`: the core's options plus what only Next.js needs. */
export interface LivepushNextOptions extends LivepushAuthOptions {
  /**
   * The pages the proxy sends to sign-in when there is no session (or a scope is missing), coming back
   * afterwards (`returnTo`). Other pages stay public; the proxy still refreshes their sessions.
   */
  protect?: ProtectOption;
}

/**
 * What `createLivepushNext` takes: the options, or a function returning them, called once at the first
 * request (so `next build` never needs your secrets).
 */
export type LivepushNextConfig = LivepushNextOptions | (() => LivepushNextOptions);

/** The route handlers of `app/{basePath}/[...livepush]/route.ts`. */
export interface LivepushHandlers {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
  PUT(request: Request): Promise<Response>;
  PATCH(request: Request): Promise<Response>;
  DELETE(request: Request): Promise<Response>;
}

/** What the proxy hands your own proxy function (see {@link LivepushProxy}). */
export interface LivepushProxyContext {
  /** The session after the proxy's refresh (never a token), `null` when signed out, `undefined` when unknown (the store is down). */
  session: SessionSummary | null | undefined;
  /** Next.js' event (`waitUntil`). */
  event: NextFetchEvent | undefined;
  /**
   * `NextResponse.next()` that carries the refreshed session to the page: the request headers you pass
   * (default: the request's) with the new `Cookie` header.
   */
  next(init?: { headers?: HeadersInit; request?: { headers?: Headers } }): NextResponse;
}

/** Your own proxy (or middleware) logic, run after the Livepush proxy refreshed the session. */
export type LivepushProxyHandler = (
  request: NextRequest,
  context: LivepushProxyContext,
) => Response | undefined | Promise<Response | undefined>;

/** A Next.js proxy (`proxy.ts`) or middleware (`middleware.ts`) function. */
export type NextProxyFunction = (request: NextRequest, event?: NextFetchEvent) => Promise<Response>;

/**
 * The Livepush proxy. Call it as your proxy (`export { proxy }`), or give it your own proxy function to
 * run after it (`export const proxy = livepush.proxy(async (request, { session, next }) => …)`).
 */
export interface LivepushProxy {
  (request: NextRequest, event?: NextFetchEvent): Promise<Response>;
  (handler: LivepushProxyHandler): NextProxyFunction;
}

/** Where `signOut` goes afterwards, and whether it ends the user's other sessions too. */
export interface SignOutOptions {
  /** A path on this site. Default `/`. */
  redirectTo?: string;
  /**
   * End every session of the user, in every browser, not just this one (the form field `everywhere`
   * does the same). Needs a session store.
   */
  everywhere?: boolean;
}

/** What `createLivepushNext` returns. */
export interface LivepushNext {
  /** The route handlers for `app/auth/[...livepush]/route.ts` (`export const { GET, POST, … } = handlers`). */
  handlers: LivepushHandlers;
  /**
   * The session (scopes, `expiresAt`, the user; never a token) or `null`, in Server Components, Server
   * Actions and route handlers. A pure read: it never refreshes (the proxy did, before rendering).
   */
  auth(): Promise<SessionSummary | null>;
  /** The proxy for `proxy.ts` (Next.js 16) or `middleware.ts` (Next.js 15); see {@link LivepushProxy}. */
  proxy: LivepushProxy;
  /**
   * The session if it has every one of `scopes` (none: any session); otherwise a redirect to sign in
   * for the missing ones (incremental consent), back to this page. For Server Components and Actions.
   * @throws {LivepushAuthError} instead of redirecting when the URL carries the `error` a refused sign-in
   *   came back with (`unauthenticated` or `missing_scopes`), so a refusal never loops.
   */
  requireScopes(...scopes: LivepushScope[]): Promise<SessionSummary>;
  /**
   * Redirects to sign in: for a Server Action (a form's `action`, works without JavaScript). Takes the
   * form's `FormData` (fields `scope`, repeatable, and `returnTo`) or options; default: your scopes, back here.
   */
  signIn(input?: FormData | SignInOptions): Promise<never>;
  /**
   * Signs out (cookies cleared, store record and pending sign-ins deleted) and redirects to
   * `redirectTo` (default `/`). For a Server Action: like `POST {basePath}/logout` it needs a POST from
   * this site, else throws `LivepushAuthError` `invalid_request`. With `everywhere: true` it then ends
   * every other session of the user too ({@link LivepushNext.signOutUser}; needs a session store, else
   * `LivepushAuthError` `invalid_config` once this session has ended).
   */
  signOut(input?: FormData | SignOutOptions): Promise<never>;
  /**
   * Replaces your app's `data` in this request's session (a small JSON object, visible to the browser:
   * no secrets) and resolves the session as it is now. In a Server Action or route handler the cookie is
   * written; while a Server Component renders, the next request carries it (like a refresh). Type
   * `data` once with `declare module '@livepush/auth-core' { interface LivepushSessionData { … } }`.
   * @throws {LivepushAuthError} `unauthenticated` without a session; `invalid_request` for `data` that
   *   is not a JSON object (or too large for a cookie session).
   */
  updateSession(options: UpdateSessionOptions): Promise<SessionSummary>;
  /**
   * Re-reads the Livepush profile (`GET /account/this`) into this request's session and resolves the
   * session as it is now (cookies as for {@link LivepushNext.updateSession}).
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when Livepush
   *   could not be reached (the old profile is kept).
   */
  refreshProfile(): Promise<SessionSummary>;
  /**
   * Ends every session of the Livepush user `userId` (e.g. a banned user), in every browser: each ends
   * on its next request. Resolves how many ended. Needs a session `store`. Needs no request: also for
   * scripts and webhooks.
   * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
   */
  signOutUser(userId: string): Promise<number>;
  /**
   * The live sessions of the Livepush user `userId` (created, last used, expiry, user agent; never a
   * token), oldest first. Needs a session `store`.
   * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
   */
  listSessions(userId: string): Promise<LivepushSessionInfo[]>;
  /**
   * A fresh access token for server-side calls to Livepush, refreshed first when due (written back as a
   * cookie where Next.js allows; see the README for Server Components).
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when a due refresh failed.
   */
  getAccessToken(): Promise<string>;
  /** The typed Livepush API client acting as this request's user (refreshes like {@link LivepushNext.getAccessToken}). */
  api(): Promise<LivepushApi>;
}
