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

/** Where a demo keeps its sessions: `store` (one memory store per process) or `cookie` (the SDK's default). */
export type DemoSessionMode = 'store' | 'cookie';

/**
 * The demo's session mode from `DEMO_SESSIONS`: unset or `store` → a memory store, `cookie` → cookie
 * sessions (no store: the tokens live in the browser's sealed cookie, and "Sign out everywhere" is not
 * offered, since a cookie-only session cannot be revoked).
 */
export function demoSessionMode(env: NodeJS.ProcessEnv = process.env): DemoSessionMode {
  const mode = env.DEMO_SESSIONS ?? 'store';
  if (mode === 'store' || mode === 'cookie') return mode;
  throw new Error(`DEMO_SESSIONS is "${mode}": set it to "store" (the default) or "cookie".`);
}

/**
 * The session options every demo shares:
 * - `store`: one memory store per process, so "Sign out everywhere" (`signOutUser`) can end the
 *   user's other sessions (a cookie-only session cannot be revoked); none with `DEMO_SESSIONS=cookie`
 *   (see {@link demoSessionMode});
 * - `onSignIn`: refuses a disabled Livepush account (the browser comes back with
 *   `?error=sign_in_refused`), and otherwise keeps `memberSince` in the session's `data`.
 */
export function demoSessionOptions(
  env: NodeJS.ProcessEnv = process.env,
): Pick<LivepushAuthOptions, 'store' | 'onSignIn'> {
  const { store, firstSignIn } = processState();
  return {
    ...(demoSessionMode(env) === 'store' ? { store } : {}),
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
