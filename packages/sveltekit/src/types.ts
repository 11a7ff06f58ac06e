import type { LivepushApi, LivepushScope } from '@livepush/auth-core';
import type {
  LivepushAuth,
  LivepushAuthOptions,
  LivepushSessionInfo,
  SessionPayload,
  SessionSummary,
  SignInOptions,
  UpdateSessionOptions,
} from '@livepush/auth-core/server';
import type { RequestEvent } from '@sveltejs/kit';

/**
 * What `createLivepushHandle` takes: the options of `createLivepushAuth`, an instance you created
 * yourself, or a function of the request event returning either (for config that needs the event or
 * `$env/dynamic/private`).
 *
 * One core instance is created per options **object** (it holds the refresh single-flight and the key
 * cache): a function should return the same object every time, not build a new one per request.
 */
export type LivepushHandleConfig =
  | LivepushAuthOptions
  | LivepushAuth
  | ((
      event: RequestEvent,
    ) => LivepushAuthOptions | LivepushAuth | Promise<LivepushAuthOptions | LivepushAuth>);

/**
 * Where to send the user to sign in (`scopes`; default: the `scopes` of your options; with a session,
 * Livepush is asked for these plus the granted ones) and where they come back (`returnTo`, a
 * same-origin path; default: the current page). The core's type, re-exported.
 */
export type { SignInOptions };

/** `event.locals.livepush`: this request's Livepush session, for `load` functions, actions and endpoints. */
export interface LivepushContext {
  /** Where the auth routes live (`/auth` by default). */
  readonly basePath: string;
  /**
   * The session summary (scopes, `expiresAt`, the user; never a token), or `null` when signed out.
   * The cookie is opened once per request, however many loads ask.
   */
  getSession(): Promise<SessionSummary | null>;
  /**
   * A fresh access token, refreshing first when due. A refreshed session is written back through
   * `event.cookies`, so it is kept even when only a `load` function asked.
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code (`network_error`,
   *   `timeout`, …) when a due refresh failed (the session is kept).
   */
  getAccessToken(): Promise<string>;
  /** The typed Livepush API client acting as this request's user (refreshes and persists like `getAccessToken`). */
  readonly api: LivepushApi;
  /**
   * The session, or a `redirect(303)` to sign in that comes back to this page.
   * When the URL carries the `error` a failed sign-in came back with, throws SvelteKit `error(401)` instead,
   * so a refusal never loops back to Livepush. Its message is a fixed text for that code (a generic one
   * for a code it does not know): the `?error=` text itself, which anyone can put in a link, is never shown.
   */
  requireSession(): Promise<SessionSummary>;
  /**
   * {@link LivepushContext.requireScopes} for a form action that must survive the trip: before it
   * leaves to ask for the missing scopes, it keeps `resume` (the form's text fields, e.g. the
   * `FormData` the action read) for this page, sealed in a short-lived HttpOnly cookie. Back on the
   * page, {@link LivepushContext.resumed} hands them over once, so the page shows them filled in and
   * the user submits again. Nothing is replayed by itself. Keep no password or secret there.
   */
  requireScopes(
    scopes: readonly LivepushScope[],
    options: { resume?: FormData | Readonly<Record<string, string>> | undefined },
  ): Promise<SessionSummary>;
  /**
   * The session if it has every one of `scopes`; otherwise a `redirect(303)` to sign in asking for the
   * missing ones (incremental consent; signed out: your default scopes plus these), back to this page.
   * When the URL carries the `error` a refused consent came back with, throws SvelteKit `error(403)` instead
   * (`error(401)` signed out), with the same fixed message as {@link LivepushContext.requireSession}.
   */
  requireScopes(...scopes: LivepushScope[]): Promise<SessionSummary>;
  /**
   * The form a `requireScopes(scopes, { resume })` in this page's action kept before it left to sign
   * in, once (it is cleared as it is read; it lives 10 minutes): `{ action, fields }`, or `null`. Call it
   * in the page's `load` and show the fields filled in, with a word that the action can now be submitted.
   */
  resumed(): Promise<ResumedForm | null>;
  /**
   * The URL of `{basePath}/login` for these options (a link or a GET form works without JavaScript).
   * @throws {LivepushAuthError} `invalid_scope` for an unknown scope; `invalid_request` for a
   *   `returnTo` that is not a path on this site.
   */
  signInUrl(options?: SignInOptions): string;
  /** Throws a SvelteKit `redirect(303)` to sign in. */
  signIn(options?: SignInOptions): never;
  /**
   * Ends the session (cookies cleared through `event.cookies`, the store record and pending sign-ins
   * deleted) and throws a SvelteKit `redirect(303)` to `redirectTo` (default `/`). For form actions:
   * like `POST {basePath}/logout`, it needs a POST from this site, else throws SvelteKit `error(403)`
   * (`error(405)` for a GET). With `everywhere: true` it then ends every other session of the user, in
   * every browser ({@link LivepushContext.signOutUser}; needs a session store, else SvelteKit
   * `error(500)` naming the problem, once this session has ended).
   */
  signOut(options?: LivepushSignOutOptions): Promise<never>;
  /**
   * Replaces your app's `data` in this request's session (a small JSON object, visible to the browser:
   * no secrets) and resolves the session as it is now; the cookie goes out through `event.cookies`.
   * Type `data` once with `declare module '@livepush/auth-core' { interface LivepushSessionData { … } }`.
   * @throws {LivepushAuthError} `unauthenticated` without a session; `invalid_request` for `data` that
   *   is not a JSON object (or too large for a cookie session).
   */
  updateSession(options: UpdateSessionOptions): Promise<SessionSummary>;
  /**
   * Re-reads the Livepush profile (`GET /account/this`) into this request's session and resolves the
   * session as it is now; the cookie goes out through `event.cookies`.
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when Livepush
   *   could not be reached (the old profile is kept).
   */
  refreshProfile(): Promise<SessionSummary>;
  /**
   * Ends every session of the Livepush user `userId` (e.g. a banned user) in every browser: each ends
   * on its next request. Resolves how many ended. Needs a session `store`.
   * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
   */
  signOutUser(userId: string): Promise<number>;
  /**
   * The live sessions of the Livepush user `userId` (created, last used, expiry, user agent; never a
   * token), oldest first. Needs a session `store`.
   * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
   */
  listSessions(userId: string): Promise<LivepushSessionInfo[]>;
}

/** Options of {@link LivepushContext.signOut} and `signOutAction`. */
export interface LivepushSignOutOptions {
  /** A path on this site to go to afterwards. Default `/`. */
  redirectTo?: string;
  /** End every session of the user, in every browser, not just this one (needs a session store). */
  everywhere?: boolean;
}

/** What {@link LivepushContext.resumed} hands back: the action that left to sign in, and its kept fields. */
export interface ResumedForm {
  /** The action's name (`create` for `?/create`; `default` for the default action). */
  action: string;
  /** The text fields it kept (a form too big to keep comes back with none). */
  fields: Record<string, string>;
}

/**
 * The `App.Locals` member `createLivepushHandle` adds. Declare it in `src/app.d.ts`:
 *
 * ```ts
 * import type { LivepushLocals } from '@livepush/auth-sveltekit';
 * declare global {
 *   namespace App {
 *     interface Locals extends LivepushLocals {}
 *   }
 * }
 * export {};
 * ```
 */
export interface LivepushLocals {
  livepush: LivepushContext;
}

/** What {@link loadSession} returns for pages: the session summary or `{ authenticated: false }`, never a token. */
export interface LivepushPageData {
  session: SessionPayload;
}
