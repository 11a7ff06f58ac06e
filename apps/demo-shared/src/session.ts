import { createMemoryStore, type LivepushAuthOptions, type SessionStore } from '@livepush/auth-core/server';

declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    /**
     * ISO date since when the demo knows this user: the Livepush account's `createdAt`, else their first
     * sign-in in this demo process. Absent from a session made before the demo set it.
     */
    memberSince?: string;
  }
}

/** What the demos keep for their whole process, on `globalThis`: Next.js loads this module in several bundles. */
interface DemoProcess {
  store: SessionStore;
  firstSignIn: Map<string, string>;
}

const KEY = Symbol.for('livepush-demo:session');

function processState(): DemoProcess {
  const global = globalThis as { [KEY]?: DemoProcess };
  global[KEY] ??= { store: createMemoryStore(), firstSignIn: new Map() };
  return global[KEY];
}

/**
 * The session options every demo shares:
 * - `store`: one memory store per process, so "Sign out everywhere" (`signOutUser`) can end the
 *   user's other sessions (a cookie-only session cannot be revoked);
 * - `onSignIn`: refuses a disabled Livepush account (the browser comes back with
 *   `?error=sign_in_refused`), and otherwise keeps `memberSince` in the session's `data`.
 */
export function demoSessionOptions(): Pick<LivepushAuthOptions, 'store' | 'onSignIn'> {
  const { store, firstSignIn } = processState();
  return {
    store,
    onSignIn({ user, userId }) {
      if (user?.isDisabled) return false;
      const id = userId ?? user?.id;
      let first = id === undefined ? undefined : firstSignIn.get(id);
      if (first === undefined) {
        first = new Date().toISOString();
        if (id !== undefined) firstSignIn.set(id, first);
      }
      return { data: { memberSince: user?.createdAt ?? first } };
    },
  };
}
