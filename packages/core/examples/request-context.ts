// The README's per-request example, compiled by `pnpm typecheck` so it cannot rot: a framework's own
// cookie API (here SvelteKit's `event.cookies` shape) receives every cookie as it is produced.
import type { LivepushAuth, LivepushCookieOptions } from '@livepush/auth-core/server';

type CookieSetOptions = LivepushCookieOptions & { encode(value: string): string };
declare const auth: LivepushAuth;
declare const event: {
  request: Request;
  cookies: { set(name: string, value: string, options: CookieSetOptions): void };
};

export async function load() {
  const livepush = auth.requestContext(event.request, {
    onCookie: ({ name, value, options }) => event.cookies.set(name, value, { ...options, encode: (v) => v }),
  });
  const session = await livepush.getSession();
  return { session, signIn: livepush.signInUrl({ scopes: ['streams.read'] }) };
}
