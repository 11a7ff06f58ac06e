// The README's per-request example, compiled by `pnpm typecheck` so it cannot rot: a framework's own
// cookie API (here SvelteKit's `event.cookies` shape) receives every cookie as it is produced.
import type { LivepushCookieOptions } from '@livepush/auth-core/server';
import { auth } from './auth'; // your createLivepushAuth(…)

/** Your framework's request and cookie API, e.g. SvelteKit's `event`. */
interface RequestEvent {
  request: Request;
  cookies: {
    set(
      name: string,
      value: string,
      options: LivepushCookieOptions & { encode(value: string): string },
    ): void;
  };
}

export async function load(event: RequestEvent) {
  const livepush = auth.requestContext(event.request, {
    onCookie: ({ name, value, options }) => event.cookies.set(name, value, { ...options, encode: (v) => v }),
  });
  const session = await livepush.getSession();
  return { session, signIn: livepush.signInUrl({ scopes: ['streams.read'] }) };
}
