/**
 * `@livepush/auth-sveltekit/client`: the optional browser side. A page that uses it follows the session
 * of every other tab of the app — a sign-out elsewhere shows at once, a sign-in elsewhere when the tab
 * regains focus — by re-running its `load` functions. It is the core's browser store
 * (`@livepush/auth-core/client`), fed by the session `loadSession` put in the page data; pages that do not
 * import it ship none of it.
 *
 * @packageDocumentation
 */
import {
  type AuthClient,
  type AuthClientOptions,
  type AuthSnapshot,
  createAuthClient,
  type SessionPayload,
} from '@livepush/auth-core/client';
import { onMount } from 'svelte';
import { goto, invalidateAll } from '$app/navigation';
import type { LivepushSignOutOptions } from './types';

export type { AuthClient, AuthSnapshot, SessionPayload } from '@livepush/auth-core/client';

/** Options of {@link livepushSession}: the store's, without `initialSession` (the page data gives it). */
export interface LivepushSessionOptions extends Omit<AuthClientOptions, 'initialSession'> {
  /**
   * Called when the browser learns that the session changed (signed out or in, scopes granted) in
   * another tab or while this one was in the background. Default: `invalidateAll()`, so every `load`
   * runs again and the page shows what the server now says.
   */
  onChange?: (snapshot: AuthSnapshot) => unknown;
}

/**
 * The session as a Svelte store (`$session`), and the actions that keep other tabs informed. Also the
 * raw {@link AuthClient} for anything else.
 */
export interface LivepushSession {
  /** Svelte's store contract: `$session.status`, `$session.user`, `$session.scopes`… */
  subscribe(run: (snapshot: AuthSnapshot) => void): () => void;
  /**
   * Signs out through `POST {basePath}/logout` (`fetch`) and tells every other tab at once; then goes to
   * `redirectTo` (like `signOutAction`), or stays, with every `load` run again. For a sign-out button that
   * works without JavaScript too, call it from the `submit` handler of your sign-out form (its action
   * `signOutAction()`) and `preventDefault()`. `{ everywhere: true }` ends every session of the user, in
   * every browser (the server needs a session store; otherwise this session stays and `error` is set).
   */
  signOut(options?: LivepushSignOutOptions): Promise<void>;
  readonly client: AuthClient;
}

/** What makes two snapshots "the same session" for the pages: who, and with which scopes. */
const sessionKey = ({ status, scopes, user }: AuthSnapshot) =>
  `${status}|${[...scopes].sort().join(' ')}|${user?.id ?? ''}`;

/**
 * Follows the session across tabs from a component (call it while the component initialises, e.g. in the
 * root `+layout.svelte`). Starts from the page data's session (`loadSession`): no request, no loading
 * state. While the component is mounted, another tab's sign-out or sign-in (announced over a
 * `BroadcastChannel` that carries only "refetch", or noticed when this tab regains focus) re-runs the
 * loads. Nothing happens on the server.
 *
 * @param session The page data's session, or a function returning it (`() => data.session`).
 * @example
 * ```ts
 * // src/routes/+layout.svelte, in <script lang="ts">
 * const session = livepushSession(() => data.session);
 * ```
 */
export function livepushSession(
  session: SessionPayload | (() => SessionPayload),
  options: LivepushSessionOptions = {},
): LivepushSession {
  const { onChange = () => invalidateAll(), ...clientOptions } = options;
  const client = createAuthClient({
    // A failed sign-in's `?error=` is the page's to show (SvelteKit owns the URL and its history).
    readErrorFromUrl: false,
    ...clientOptions,
    initialSession: typeof session === 'function' ? session() : session,
  });
  const subscribe = (run: (snapshot: AuthSnapshot) => void) => {
    run(client.getSnapshot());
    return client.subscribe(() => run(client.getSnapshot()));
  };
  let known = sessionKey(client.getSnapshot());
  /** A change this tab made itself (signOut): its loads run once, where signOut goes, not through onChange. */
  let ours = false;
  onMount(() => {
    const stop = subscribe((snapshot) => {
      const key = sessionKey(snapshot);
      if (key === known) return;
      known = key;
      if (!ours) void onChange(snapshot);
    });
    return () => {
      stop();
      client.destroy();
    };
  });
  return {
    subscribe,
    client,
    async signOut(options = {}) {
      ours = true;
      try {
        await client.signOut(options);
      } finally {
        ours = false;
      }
      const { redirectTo } = options;
      await (redirectTo === undefined ? invalidateAll() : goto(redirectTo, { invalidateAll: true }));
    },
  };
}
