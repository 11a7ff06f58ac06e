import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { LivepushAuthError } from '../errors';

/** How a Node request becomes a Web `Request`. */
export interface NodeRequestOptions {
  /**
   * Take the protocol and host from `X-Forwarded-Proto` and `X-Forwarded-Host` (their first value),
   * as set by a reverse proxy you run in front of the app. Default `false`: the `Host` header, and
   * `https` only on a TLS socket — a client can send any `X-Forwarded-*` header, so they are trusted
   * only when you say a proxy of yours sets them. Express's `trust proxy` setting is not read.
   */
  trustProxy?: boolean | undefined;
  /** Aborts with the request (e.g. when the client goes away). */
  signal?: AbortSignal | undefined;
}

/**
 * The Node requests this module reads: `node:http`'s, Express's (`originalUrl` keeps the path a mount
 * strips from `url`; `body` is what a body parser such as `express.json()` read) and Fastify's
 * `request.raw`.
 */
export type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

const first = (value: string | string[] | undefined): string | undefined => {
  const text = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return text === '' ? undefined : text;
};

/** `host[:port]` as a URL authority, or `undefined` when it is anything else (a path, credentials, spaces). */
function validHost(host: string | undefined): string | undefined {
  if (host === undefined || !/^[^\s/\\?#@]+$/.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).host;
  } catch {
    return undefined;
  }
}

/** The app's origin as this request reached it: see {@link NodeRequestOptions.trustProxy}. */
function originOf(req: NodeRequest, trustProxy: boolean): string {
  let protocol = (req.socket as Partial<TLSSocket> | undefined)?.encrypted === true ? 'https' : 'http';
  // HTTP/2 compatibility requests carry the host as `:authority`.
  const given = first(req.headers[':authority']) ?? first(req.headers.host);
  let host = validHost(given);
  if (given !== undefined && host === undefined)
    throw new LivepushAuthError('invalid_request', 'The Host header is not a host name.', { status: 400 });
  if (trustProxy) {
    const proto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') protocol = proto;
    host = validHost(first(req.headers['x-forwarded-host'])) ?? host;
  }
  // HTTP/1.0 may omit Host: such a request can only reach the routes that need no origin.
  return `${protocol}://${host ?? 'localhost'}`;
}

/** The path and query: Express's `originalUrl` (mounting strips `url`), an absolute-form target's path. */
function pathOf(req: NodeRequest): string {
  const target = req.originalUrl ?? req.url ?? '/';
  if (target.startsWith('/')) return target;
  // `GET http://other.example/auth/session` (absolute form) never chooses the origin.
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/**
 * The request body as a stream that reads `req` only when pulled: a route that needs no body leaves
 * it unread (so Express's `next()` still finds it), and a client that goes away mid-body errors the
 * stream instead of the process. Cancelling (e.g. past the proxy's size cap) discards the rest
 * without destroying the socket, so the answer still reaches the client.
 */
function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer | string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req.iterator({ destroyOnReturn: false });
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
      },
      async cancel() {
        await chunks?.return?.();
        // Discard the rest: once read from, Node no longer drains a request by itself, and a client
        // still sending would wait on a full socket.
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The body a body parser already read (`req.body`), in the form it came in: bytes and text as they
 * are, JSON re-serialised, a urlencoded form re-encoded. `undefined` when there is nothing to send.
 */
function parsedBody(req: NodeRequest): BodyInit | undefined {
  const { body } = req;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  // A Buffer (`express.raw()`) is sent as is.
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  const type = req.headers['content-type'] ?? '';
  if (/[/+]json\b/i.test(type)) return JSON.stringify(body);
  if (/^application\/x-www-form-urlencoded\b/i.test(type) && typeof body === 'object') {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body as Record<string, unknown>))
      for (const item of Array.isArray(value) ? value : [value])
        if (typeof item === 'string') form.append(name, item);
    return form;
  }
  throw new LivepushAuthError(
    'invalid_config',
    `A body parser read this ${type || 'untyped'} request body before toNodeHandler(auth) saw it, into a form ` +
      'it cannot send on. Mount toNodeHandler(auth) before body parsers (app.use(express.json()) after it).',
  );
}

/**
 * The Web `Request` for a Node request: the URL on the app's origin (see
 * {@link NodeRequestOptions.trustProxy}), every header, and the body — streamed (`duplex: 'half'`),
 * or what a body parser such as `express.json()` already read from it. For your own routes, e.g.
 * `auth.getSession(toWebRequest(req))`.
 *
 * @throws {LivepushAuthError} `invalid_request` (status 400) for a `Host` header that is no host;
 *   `invalid_config` when a body parser read the body into something other than bytes, text, JSON or a
 *   urlencoded form.
 * @example
 * ```ts
 * app.get('/api/me', async (req, res) => {
 *   res.json(await auth.getSession(toWebRequest(req)));
 * });
 * ```
 */
export function toWebRequest(req: NodeRequest, options: NodeRequestOptions = {}): Request {
  if (typeof req?.on !== 'function' || typeof req.headers !== 'object') {
    throw new LivepushAuthError(
      'invalid_request',
      "toWebRequest() takes Node's request (IncomingMessage; with Fastify: request.raw).",
    );
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(`${originOf(req, options.trustProxy === true)}${pathOf(req)}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  let body: BodyInit | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    // `express.json()` and friends mark what they read (`_body`); Fastify's parsers end the stream.
    const parsed = req.readableEnded || (req as { _body?: unknown })._body === true;
    if (parsed) {
      body = parsedBody(req);
      // Re-serialised: the length, framing and compression of the original no longer apply.
      for (const name of ['content-length', 'transfer-encoding', 'content-encoding']) headers.delete(name);
    } else {
      body = streamOf(req);
    }
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    ...(body === undefined ? {} : { body, duplex: 'half' }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return new Request(url, init);
}
