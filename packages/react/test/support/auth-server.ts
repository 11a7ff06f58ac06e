// Vitest globalSetup (runs in Node, outside happy-dom): a real mock Livepush and a real
// `createLivepushAuth(...).handler` behind a real HTTP server. Tests point happy-dom at it, so the
// store talks to it with the page's own fetch and cookie jar, as in a browser.
import { createLivepushAuth, createMemoryStore } from '@livepush/auth-core/server';
import type { MockConsentMode } from '@livepush/mock-server';
import { authOptions, Browser, LATER_SCOPES, serve, startMock } from '@livepush/test-support';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the test server, e.g. `http://127.0.0.1:41234`. */
    authServer: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  // Test files run in parallel against this one mock: sign-ins take turns, so a `deny` stays theirs.
  let turn: Promise<unknown> = Promise.resolve();
  const server = await serve((origin) => {
    // A memory store (so a user can be signed out everywhere) and the app's data kept at sign-in.
    const auth = createLivepushAuth({
      ...authOptions(mock, origin),
      ...LATER_SCOPES,
      store: createMemoryStore(),
      onSignIn: ({ user }) => ({ data: { role: 'member', memberSince: user?.createdAt ?? 'unknown' } }),
    });
    /** Another browser of the same user (`/test/elsewhere/*`), to watch sign-out everywhere reach it. */
    const elsewhere = new Browser(auth, { origin });

    /** Signs in on the Node side (login → mock authorize → callback); answers with the page's cookies. */
    async function signIn(searchParams: URLSearchParams): Promise<Response> {
      // `consent=deny` ends at the callback's redirect (to `/?error=access_denied`), no session.
      const consent = (searchParams.get('consent') as MockConsentMode | null) ?? 'approve';
      const scope = searchParams.get('scope') ?? 'profile.read streams.read';
      const flow = turn.then(async () => {
        mock.setConsent(consent);
        try {
          const browser = new Browser(auth, { origin });
          const landed = await browser.signIn(`?scope=${encodeURIComponent(scope)}&returnTo=/`);
          return { browser, location: landed.pathname + landed.search };
        } finally {
          mock.setConsent('approve');
        }
      });
      turn = flow.catch(() => {});
      const { browser, location } = await flow;
      const answer = Response.json({ location }, { headers: { 'cache-control': 'no-store' } });
      for (const [name, value] of browser.jar)
        answer.headers.append('set-cookie', `${name}=${value}; Path=/; HttpOnly; SameSite=Lax`);
      return answer;
    }

    return async (request) => {
      const { pathname, searchParams } = new URL(request.url);
      if (pathname === '/test/sign-in') return signIn(searchParams);
      if (pathname === '/test/elsewhere/sign-in') {
        await elsewhere.signIn();
        return Response.json(await elsewhere.session());
      }
      if (pathname === '/test/elsewhere/session') return Response.json(await elsewhere.session());
      if (pathname === '/test/profile-name') {
        mock.setUser({ name: searchParams.get('name') ?? 'Ada Lovelace' });
        return new Response(null, { status: 204 });
      }
      // A browser sends fetch metadata (`Sec-Fetch-Site`) with every request; happy-dom does not, and the
      // handler refuses unsafe requests that carry neither it nor `Origin`. Add what a browser would.
      const headers = new Headers(request.headers);
      if (request.method !== 'GET' && !headers.has('origin') && !headers.has('sec-fetch-site'))
        headers.set('sec-fetch-site', 'same-origin');
      return auth.handler(new Request(request, { headers }));
    };
  });

  project.provide('authServer', server.origin);
  return async () => {
    await server.close();
    await mock.close();
  };
}
