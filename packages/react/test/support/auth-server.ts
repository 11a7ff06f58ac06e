// Vitest globalSetup (runs in Node, outside happy-dom): a real mock Livepush and a real
// `createLivepushAuth(...).handler` behind a real HTTP server. Tests point happy-dom at it, so the
// store talks to it with the page's own fetch and cookie jar, as in a browser.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
// Relative source imports: Vitest loads globalSetup outside the project's `@livepush/source` condition.
import { createLivepushAuth } from '../../../core/src/server';
import { DEFAULT_CLIENT, type MockConsentMode, startMockLivepush } from '../../../mock-server/src';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the test server, e.g. `http://127.0.0.1:41234`. */
    authServer: string;
  }
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  // A browser sends fetch metadata (`Sec-Fetch-Site`) with every request; happy-dom does not, and the
  // handler refuses unsafe requests that carry neither it nor `Origin`. Add what a browser would.
  if (hasBody && !headers.has('origin') && !headers.has('sec-fetch-site'))
    headers.set('sec-fetch-site', 'same-origin');
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Follows the sign-in flow on the Node side (login → mock authorize → callback) and returns the last answer. */
async function signInFlow(auth: ReturnType<typeof createLivepushAuth>, origin: string, scope: string) {
  const login = await auth.handler(
    new Request(`${origin}/auth/login?scope=${encodeURIComponent(scope)}&returnTo=/`),
  );
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  const callbackUrl = authorize.headers.get('location')!;
  return auth.handler(new Request(callbackUrl, { headers: { cookie: cookies.join('; ') } }));
}

export default async function setup(project: TestProject) {
  const mock = await startMockLivepush({ consent: 'approve' });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = createLivepushAuth({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${origin}/auth/callback`,
    scopes: ['profile.read', 'streams.read'],
    // The tests ask for streams.create later (incremental consent).
    allowedScopes: ['profile.read', 'streams.read', 'streams.create'],
    secret: 'react-binding-tests-secret-0123456789abcdef',
    endpoints: mock.endpoints,
  });
  // Test files run in parallel against this one mock: sign-ins take turns, so a `deny` stays theirs.
  let turn: Promise<unknown> = Promise.resolve();

  server.on('request', async (req, res) => {
    const request = await toRequest(req, origin);
    const { pathname, searchParams } = new URL(request.url);
    if (pathname === '/test/sign-in') {
      // `consent=deny` answers with the callback's redirect (to `/?error=access_denied`), no session.
      const consent = (searchParams.get('consent') as MockConsentMode | null) ?? 'approve';
      const scope = searchParams.get('scope') ?? 'profile.read streams.read';
      const flow = turn.then(async () => {
        mock.setConsent(consent);
        try {
          return await signInFlow(auth, origin, scope);
        } finally {
          mock.setConsent('approve');
        }
      });
      turn = flow.catch(() => {});
      const callback = await flow;
      const location = callback.headers.get('location') ?? '/';
      const answer = Response.json({ location }, { headers: { 'cache-control': 'no-store' } });
      for (const cookie of callback.headers.getSetCookie()) answer.headers.append('set-cookie', cookie);
      return send(res, answer);
    }
    return send(res, await auth.handler(request));
  });

  project.provide('authServer', origin);
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await mock.close();
  };
}
