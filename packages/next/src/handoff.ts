import type { LivepushCookie } from '@livepush/auth-core/server';

/**
 * Sessions refreshed where no cookie could be written, handed to the browser's next request.
 *
 * A Server Component cannot set cookies. When one refreshes a session anyway (a route the proxy does not
 * match asked for a token that was due), Livepush has already rotated the refresh token: the browser
 * still holds the old, now spent one. This keeps the new cookies, keyed by the exact old values, for as
 * long as the new session lives; the browser's next request that can set cookies (the proxy, a route
 * handler, a Server Action, the auth routes) sends them instead of refreshing again, and a render that
 * cannot reads the new session from here. No rotated refresh token is ever replayed to Livepush.
 *
 * One per process, on `globalThis`: Next.js may load the proxy and the pages as separate module copies.
 * Several instances without a session store do not share it (see the README: match the routes with the
 * proxy, or use a store, which saves refreshes without changing the cookie).
 */
export interface Handoff {
  /** Keeps `cookies` (produced but not sent) for a browser that still holds `held`. */
  keep(held: ReadonlyMap<string, string>, cookies: readonly LivepushCookie[]): void;
  /** The cookies a browser holding `held` is owed (newest last), or `[]`. */
  owed(held: ReadonlyMap<string, string>): LivepushCookie[];
}

interface Entry {
  /** Each replaced name and the value the browser held (`undefined`: it held none). */
  replaces: Map<string, string | undefined>;
  cookies: Map<string, LivepushCookie>;
  expiresAt: number;
}

const MAX_ENTRIES = 1000;
/** A chain of unsent refreshes this long means something is wrong: stop following it. */
const MAX_HOPS = 4;

function createHandoff(now: () => number): Handoff {
  /** `name=value` the browser held → the entry that replaces it. */
  const entries = new Map<string, Entry>();
  const key = (name: string, value: string) => `${name}=${value}`;

  function find(held: ReadonlyMap<string, string>): Entry | undefined {
    for (const [name, value] of held) {
      const entry = entries.get(key(name, value));
      if (!entry) continue;
      if (entry.expiresAt <= now()) {
        entries.delete(key(name, value));
        continue;
      }
      if ([...entry.replaces].every(([replaced, old]) => held.get(replaced) === old)) return entry;
    }
    return undefined;
  }

  return {
    keep(held, cookies) {
      const lifetime = Math.max(0, ...cookies.map((cookie) => cookie.options.maxAge));
      // Deletions alone (a sign-out, a stale cookie) are never handed on: only a new session is.
      if (lifetime === 0) return;
      const entry: Entry = { replaces: new Map(), cookies: new Map(), expiresAt: now() + lifetime * 1000 };
      for (const cookie of cookies) {
        entry.replaces.set(cookie.name, held.get(cookie.name));
        entry.cookies.set(cookie.name, cookie);
      }
      // A session's first refresh writes its token cookie (`<name>-<session id>`), which the browser does
      // not hold yet: the entry is then found through the session cookie `<name>` it does hold.
      for (const cookie of cookies) {
        if (held.has(cookie.name)) continue;
        for (const [name, value] of held)
          if (cookie.name.startsWith(`${name}-`) && !entry.replaces.has(name))
            entry.replaces.set(name, value);
      }
      for (const [name, old] of entry.replaces) {
        if (old === undefined) continue;
        entries.delete(key(name, old));
        entries.set(key(name, old), entry);
      }
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },

    owed(held) {
      const owed = new Map<string, LivepushCookie>();
      let current = new Map(held);
      for (let hop = 0; hop < MAX_HOPS; hop++) {
        const entry = find(current);
        if (!entry) break;
        current = new Map(current);
        for (const cookie of entry.cookies.values()) {
          owed.delete(cookie.name);
          owed.set(cookie.name, cookie);
          if (cookie.options.maxAge === 0) current.delete(cookie.name);
          else current.set(cookie.name, cookie.value);
        }
      }
      return [...owed.values()];
    },
  };
}

const GLOBAL = Symbol.for('@livepush/auth-next.handoff');

/** This process's handoff (created once, shared by every copy of this module). @internal */
export function processHandoff(): Handoff {
  const holder = globalThis as { [GLOBAL]?: Handoff };
  holder[GLOBAL] ??= createHandoff(() => Date.now());
  return holder[GLOBAL];
}

export { createHandoff };
