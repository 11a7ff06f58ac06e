import { LivepushAuthError } from '@livepush/auth-core';
import { resolveBasePath } from '@livepush/auth-core/client';
import {
  createLivepushAuth,
  type LivepushAuth,
  type LivepushAuthOptions,
  withCookies,
  withPrivateCache,
} from '@livepush/auth-core/server';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { building } from '$app/environment';
import { buildingContext, createContext, type OwnedContext } from './context';
import type { LivepushHandleConfig, LivepushLocals } from './types';

/** One core instance per options object: it holds the refresh single-flight and the derived keys. */
const instances = new WeakMap<LivepushAuthOptions, LivepushAuth>();

function isLivepushAuth(value: LivepushAuthOptions | LivepushAuth): value is LivepushAuth {
  return typeof (value as Partial<LivepushAuth>).requestContext === 'function';
}

function instanceFor(value: LivepushAuthOptions | LivepushAuth): LivepushAuth {
  if (isLivepushAuth(value)) return value;
  let auth = instances.get(value);
  if (!auth) {
    auth = createLivepushAuth(value);
    instances.set(value, auth);
  }
  return auth;
}

/** The `basePath` known without creating a core (for the stand-in used while building). */
function staticBasePath(config: LivepushHandleConfig): string {
  if (typeof config === 'function') return resolveBasePath();
  return isLivepushAuth(config) ? config.basePath : resolveBasePath(config.basePath);
}

/**
 * The SvelteKit `Handle` for Livepush sign-in. It answers the routes under `basePath` (`/auth/login`,
 * `/auth/callback`, `/auth/logout`, `/auth/session`, `/auth/api/*`) with the core handler; for every
 * other request it sets `event.locals.livepush` (unless your app already did) and calls `resolve(event)`.
 * A token refreshed while SvelteKit renders is written back through `event.cookies`.
 *
 * While SvelteKit builds or prerenders it only calls `resolve`, with a signed-out `locals.livepush`:
 * the config function is not called and no core is created.
 *
 * Compose it with other handles through `sequence()` from `@sveltejs/kit/hooks`.
 *
 * @param config The options of `createLivepushAuth` (read your environment in `hooks.server.ts`, the
 *   library never does), a `createLivepushAuth` instance, or a function of the event returning either.
 *   A function should return the same object each time: one core instance is kept per options object.
 * @throws {LivepushAuthError} `invalid_config` at once for an options object with problems (e.g. a
 *   `redirectUri` built from an unset `ORIGIN`); options a function returns are checked on the first request.
 * @example
 * ```ts
 * // src/hooks.server.ts
 * export const handle = createLivepushHandle({ clientId, clientSecret, redirectUri, secret, scopes: ['profile.read'] });
 * ```
 */
export function createLivepushHandle(config: LivepushHandleConfig): Handle {
  if (typeof config !== 'function' && (typeof config !== 'object' || config === null)) {
    throw new LivepushAuthError(
      'invalid_config',
      'createLivepushHandle(config) takes the options of createLivepushAuth, an instance of it, or a function of the event returning either.',
    );
  }
  // Options are validated now, so a misconfigured app fails as it starts (an `invalid_config` error
  // listing every problem), not with a 500 on its first request. A function is called, and what it
  // returns validated, on the first request. Not while SvelteKit builds: the environment the options
  // come from may not exist then.
  if (!building && typeof config === 'object') instanceFor(config);
  return async ({ event, resolve }) => {
    const locals = event.locals as Partial<LivepushLocals>;
    if (building) {
      locals.livepush ??= buildingContext(staticBasePath(config));
      return resolve(event);
    }
    const auth = instanceFor(typeof config === 'function' ? await config(event) : config);

    const answered = await auth.handle(event.request);
    if (answered) return answered;

    let owned: OwnedContext | undefined;
    locals.livepush ??= owned = createContext(auth, event);
    const response = await resolve(event);
    if (!owned) return response;
    // Whatever a refresh produced after SvelteKit stopped taking cookies (e.g. in a streamed promise).
    const complete = withCookies(response, owned.pending());
    // A page that carries a session cookie must not sit in a shared cache, whatever `setHeaders` said.
    return owned.producedCookies() ? withPrivateCache(complete) : complete;
  };
}

/** The Livepush context of `event`, or a helpful error when `createLivepushHandle` is not installed. @internal */
export function livepushOf(event: Pick<RequestEvent, 'locals'>): NonNullable<LivepushLocals['livepush']> {
  const context = (event.locals as Partial<LivepushLocals>).livepush;
  if (!context)
    throw new Error(
      'event.locals.livepush is missing: add `export const handle = createLivepushHandle(options)` ' +
        '(or include it in `sequence(...)`) in src/hooks.server.ts.',
    );
  return context;
}
