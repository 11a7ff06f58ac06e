// toNodeHandler(auth) on real servers (node:http, Express 5 and 4, Fastify) on port 0, against the mock
// Livepush over loopback: sign-in, the session JSON, a proxied POST with a JSON body, logout with its
// cookies, HEAD, clients that go away, paths outside basePath, and where the origin comes from.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, startMock } from '@livepush/test-support';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { toNodeHandler, toWebRequest } from '../../src/node/index';
import { createLivepushAuth } from '../../src/server/index';
import { type NodeApp, SERVER_KINDS, type ServerKind, type StartOptions, serveListener } from './servers';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** One request over a fresh connection, with Node's client: every header line as sent (`rawHeaders`). */
function raw(
  origin: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, origin),
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Errors that escaped every handler while `run` ran (a crash in waiting). */
async function escapedErrors(run: () => Promise<void>): Promise<unknown[]> {
  const escaped: unknown[] = [];
  const record = (error: unknown) => escaped.push(error);
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  try {
    await run();
  } finally {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  }
  return escaped;
}

async function started(kind: ServerKind, options?: StartOptions): Promise<NodeApp> {
  const app = await kind.start(mock, options);
  onTestFinished(() => app.close());
  return app;
}

const createStream = (browser: Browser, name: string) =>
  browser.app('/auth/api/streams/streams', {
    method: 'POST',
    headers: { origin: browser.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ name, category: 'simulcast' }),
  });

describe.each(SERVER_KINDS)('toNodeHandler on $name', (kind) => {
  it('signs in through the mock and answers the session JSON', async () => {
    const app = await started(kind);
    const browser = new Browser(app.origin);
    expect(await browser.session()).toEqual({ authenticated: false });
    const end = await browser.signIn('?returnTo=/hello');
    expect(end.href).toBe(`${app.origin}/hello`);
    expect(await browser.session()).toMatchObject({
      authenticated: true,
      scopes: ['profile.read', 'streams.read'],
      user: { name: 'Ada Lovelace' },
    });
    expect(browser.bodies.join('\n')).not.toMatch(/access_token|refresh_token|livepush-demo-secret/);
  });

  it('proxies a POST with a JSON body to Livepush (streamed through)', async () => {
    const app = await started(kind);
    const browser = new Browser(app.origin);
    await browser.signIn('?scope=streams.create');
    const before = mock.stats().apiRequests;
    const created = await createStream(browser, `Launch on ${kind.name}`);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ metadata: { name: `Launch on ${kind.name}` } });
    expect(mock.stats().apiRequests).toBe(before + 1);
  });

  it('logout clears the session and a pending sign-in: two Set-Cookie lines, each whole', async () => {
    const app = await started(kind);
    const browser = new Browser(app.origin);
    await browser.signIn();
    await browser.app('/auth/login?returnTo=/later'); // a second sign-in, left pending
    const pending = [...browser.jar.keys()].filter((name) => name.startsWith('livepush_session_tx.'));
    expect(pending).toHaveLength(1);

    const logout = await raw(app.origin, '/auth/logout', {
      method: 'POST',
      headers: { cookie: browser.cookieHeader(), origin: app.origin, accept: 'application/json' },
    });
    expect(logout.status).toBe(204);
    const lines = logout.rawHeaders.filter((_, i, all) => i % 2 === 1 && /^set-cookie$/i.test(all[i - 1]!));
    expect(lines.map((line) => line.split('=')[0]).sort()).toEqual(['livepush_session', pending[0]]);
    for (const line of lines) expect(line).toMatch(/^[^=,]+=; Path=\/[^,]*Max-Age=0/);
    browser.store(
      new Response(null, { headers: lines.map((line): [string, string] => ['set-cookie', line]) }),
    );
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it("HEAD gets the core's status and headers, and no body", async () => {
    const app = await started(kind);
    const head = await raw(app.origin, '/auth/session', { method: 'HEAD' });
    const core = await app.auth.handler(new Request(`${app.origin}/auth/session`, { method: 'HEAD' }));
    expect(head.status).toBe(core.status);
    expect(head.headers['content-type']).toBe(core.headers.get('content-type'));
    expect(head.headers.allow).toBe(core.headers.get('allow') ?? undefined);
    expect(head.body).toBe('');
    // The connection still serves a GET after it.
    expect((await raw(app.origin, '/auth/session')).body).toBe('{"authenticated":false}');
  });

  it('a client that goes away mid-body: no request to Livepush, no unhandled error, the server serves on', async () => {
    const onError = vi.fn();
    const app = await started(kind, { auth: { onError } });
    const browser = new Browser(app.origin);
    await browser.signIn('?scope=streams.create');
    const before = mock.stats().apiRequests;
    const escaped = await escapedErrors(async () => {
      const { port } = new URL(app.origin);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        [
          'POST /auth/api/streams/streams HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: ${app.origin}`,
          `Cookie: ${browser.cookieHeader()}`,
          'Content-Type: application/json',
          'Content-Length: 100000',
          '',
          '{"name":"half a bo',
        ].join('\r\n'),
      );
      await sleep(100);
      socket.destroy();
      await vi.waitFor(() => expect(onError).toHaveBeenCalled(), { timeout: 5000 });
      await sleep(50);
    });
    expect(escaped).toEqual([]);
    expect(mock.stats().apiRequests).toBe(before);
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('a client that goes away while Livepush answers: the late answer is dropped quietly', async () => {
    const app = await started(kind);
    const browser = new Browser(app.origin);
    await browser.signIn();
    mock.setFaults({ on: 'api', kind: 'delay', ms: 300 });
    const before = mock.stats().apiRequests;
    const escaped = await escapedErrors(async () => {
      const controller = new AbortController();
      const pending = fetch(`${app.origin}/auth/api/streams/streams/mine`, {
        headers: { cookie: browser.cookieHeader() },
        signal: controller.signal,
      }).catch((error: unknown) => error);
      await vi.waitFor(() => expect(mock.stats().apiRequests).toBe(before + 1));
      controller.abort();
      expect(await pending).toMatchObject({ name: 'AbortError' });
      await sleep(500); // the delayed answer arrives and meets a closed socket
    });
    expect(escaped).toEqual([]);
    const streams = await browser.app('/auth/api/streams/streams/mine');
    expect(streams.status).toBe(200);
  });

  it('a body past the 1 MB cap is refused with 413 and the answer still reaches the client', async () => {
    const app = await started(kind);
    const browser = new Browser(app.origin);
    await browser.signIn('?scope=streams.create');
    const before = mock.stats().apiRequests;
    // Chunked (no Content-Length), so the cap is met while streaming, not from the header.
    const response = await fetch(`${app.origin}/auth/api/streams/streams`, {
      method: 'POST',
      headers: { cookie: browser.cookieHeader(), origin: app.origin, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'invalid_request' });
    expect(mock.stats().apiRequests).toBe(before);
  });

  it(
    kind.fallsThrough
      ? "paths outside basePath reach the framework's own routes"
      : 'paths outside basePath answer 404',
    async () => {
      const app = await started(kind);
      const other = await raw(app.origin, '/hello');
      if (kind.fallsThrough) {
        expect(other.status).toBe(200);
        expect(other.body).toBe('hello from the app');
      } else {
        expect(other.status).toBe(404);
        expect(JSON.parse(other.body)).toMatchObject({ code: 'not_found' });
      }
      expect((await raw(app.origin, '/auth/nope')).status).toBe(404);
    },
  );
});

describe.each(SERVER_KINDS.filter((kind) => kind.name.startsWith('Express')))(
  '$name with body parsers mounted first',
  (kind) => {
    it('sends on the JSON express.json() already read', async () => {
      const app = await started(kind, { bodyParser: true });
      const browser = new Browser(app.origin);
      await browser.signIn('?scope=streams.create');
      const created = await createStream(browser, 'Parsed first');
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ metadata: { name: 'Parsed first' } });
    });

    it('a form logout read by express.urlencoded() still signs out', async () => {
      const app = await started(kind, { bodyParser: true });
      const browser = new Browser(app.origin);
      await browser.signIn();
      // A form post (Node's fetch would say `Sec-Fetch-Mode: cors` and get 204).
      const logout = await raw(app.origin, '/auth/logout', {
        method: 'POST',
        headers: {
          cookie: browser.cookieHeader(),
          origin: app.origin,
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'from=menu',
      });
      expect(logout.status).toBe(303);
      expect(logout.headers.location).toBe('/');
      expect(logout.headers['set-cookie']).toEqual([expect.stringMatching(/^livepush_session=;.*Max-Age=0/)]);
    });
  },
);

describe('a body parser whose output cannot be sent on', () => {
  it('Express gets next(invalid_config) that says to mount toNodeHandler first', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(express.json({ type: () => true })); // JSON-parses every body, whatever its type
    app.use('/auth', toNodeHandler(createLivepushAuth(authOptions(mock))));
    app.use(
      (error: unknown, _req: unknown, res: { status(code: number): { end(): void } }, _next: unknown) => {
        errors.push(error);
        res.status(500).end();
      },
    );
    const served = await serveListener(app);
    onTestFinished(served.close);
    const response = await raw(served.origin, '/auth/api/streams/streams', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:3000' },
      body: '{"name":"x"}',
    });
    expect(response.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(LivepushAuthError);
    expect(errors[0]).toMatchObject({ code: 'invalid_config' });
    expect((errors[0] as Error).message).toContain('Mount toNodeHandler(auth) before body parsers');
  });
});

describe('the origin of a request (never taken from X-Forwarded-* unless told)', () => {
  it('is the Host header by default: X-Forwarded-Host cannot make another site look like this one', async () => {
    const app = await started(SERVER_KINDS[0]!);
    const browser = new Browser(app.origin);
    await browser.signIn();
    const forged = await raw(app.origin, '/auth/logout', {
      method: 'POST',
      headers: {
        cookie: browser.cookieHeader(),
        origin: 'https://evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        accept: 'application/json',
      },
    });
    expect(forged.status).toBe(403);
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('with trustProxy, the proxy’s X-Forwarded-Proto and -Host name it', async () => {
    const app = await started(SERVER_KINDS[0]!, { node: { trustProxy: true } });
    const browser = new Browser(app.origin);
    await browser.signIn();
    const proxied = await raw(app.origin, '/auth/logout', {
      method: 'POST',
      headers: {
        cookie: browser.cookieHeader(),
        origin: 'https://app.example.com',
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-proto': 'https',
        accept: 'application/json',
      },
    });
    expect(proxied.status).toBe(204);
  });

  it('ignores absolute-form and // targets, and refuses a Host that is no host', async () => {
    const { port, close } = await serveListener((req, res) => {
      try {
        res.end(toWebRequest(req).url);
      } catch (error) {
        res.statusCode = (error as LivepushAuthError).status ?? 500;
        res.end((error as LivepushAuthError).code);
      }
    });
    onTestFinished(close);
    const send = (lines: string[]) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('end', () => resolve(text.slice(text.indexOf('\r\n\r\n') + 4)));
        socket.end(`${[...lines, 'Connection: close', '', ''].join('\r\n')}`);
      });
    expect(await send(['GET http://evil.example/auth/session?x=1 HTTP/1.1', 'Host: app.test:8080'])).toBe(
      'http://app.test:8080/auth/session?x=1',
    );
    expect(await send(['GET //evil.example/auth/session HTTP/1.1', 'Host: app.test'])).toBe(
      'http://app.test//evil.example/auth/session',
    );
    expect(await send(['GET /auth/session HTTP/1.1', 'Host: app.test:80'])).toBe(
      'http://app.test/auth/session',
    );
    expect(await send(['GET /auth/session HTTP/1.1', 'Host: evil.example/x?', 'X-Forwarded-Host: a'])).toBe(
      'invalid_request',
    );
    expect(await send(['GET /auth/session HTTP/1.1', 'Host: user@evil.example'])).toBe('invalid_request');
  });
});

describe('toNodeHandler checks what it is given', () => {
  it('an auth that is not one, an unknown option, a Fastify request instead of request.raw', async () => {
    expect(() => toNodeHandler({} as never)).toThrow(/takes the object createLivepushAuth\(\) returns/);
    const auth = { handle: async () => null, handler: async () => new Response() };
    expect(() => toNodeHandler(auth, { trustProxies: true } as never)).toThrow(
      'unknown option "trustProxies": did you mean "trustProxy"?',
    );
    expect(() => toNodeHandler(auth, { trustProxy: 'yes' } as never)).toThrow(
      'trustProxy must be true or false.',
    );
    const fastifyRequest = { headers: {}, url: '/auth/session', method: 'GET', raw: {} };
    await expect(toNodeHandler(auth)(fastifyRequest as never, {} as never)).rejects.toThrow(
      "Node's request and response (with Fastify: request.raw, reply.raw)",
    );
  });
});
