import type { ServerResponse } from 'node:http';
import { isLivepushAuthError, LivepushAuthError } from '../errors';
import { describeErrorCode } from '../server/error-response';
import type { LivepushAuth } from '../server/types';
import { type OptionNames, unknownOptionProblems } from '../unknown-options';
import { type NodeRequest, type NodeRequestOptions, toWebRequest } from './request';

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /** See {@link NodeRequestOptions.trustProxy}. Default `false`. */
  trustProxy?: boolean | undefined;
}

const OPTION_NAMES = { trustProxy: true } as const satisfies {
  [K in keyof Required<NodeHandlerOptions>]: true;
} & OptionNames;

/**
 * A Node request listener and Connect/Express middleware in one: `(req, res)` for `node:http`,
 * `(req, res, next)` for Express. Resolves once the response is written (or handed to `next`).
 */
export type NodeHandler = (
  req: NodeRequest,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** Resolves when `res` can take more (or is gone). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `response` to `res`: status, headers (each `Set-Cookie` its own line), and the body, streamed. */
async function send(response: Response, method: string, res: ServerResponse): Promise<void> {
  if (res.headersSent || res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) {
    // Cookies an earlier middleware set (e.g. a session of your own) stay.
    const earlier = res.getHeader('set-cookie');
    res.setHeader('set-cookie', [
      ...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)]),
      ...cookies,
    ]);
  }
  if (response.body === null || method === 'HEAD') {
    await response.body?.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    // The body failed mid-way: the client must not take a cut answer for a whole one.
    await reader.cancel().catch(() => {});
    res.destroy();
  }
}

/** A JSON error answer with the fixed text of its code (as the core's routes answer). */
function sendError(res: ServerResponse, error: LivepushAuthError, status: number): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ code: error.code, message: describeErrorCode(error.code) }));
}

/**
 * Serves the Livepush Auth routes from Node's HTTP server, Express or Fastify: the bridge between
 * `IncomingMessage`/`ServerResponse` and `auth.handler`.
 *
 * - **node:http**: `createServer(toNodeHandler(auth))`; a path outside `basePath` answers 404, or call
 *   the handler from your own listener for the `basePath` paths only.
 * - **Express 4 and 5**: `app.use(toNodeHandler(auth))` or `app.use('/auth', toNodeHandler(auth))`
 *   (the path is read from `req.originalUrl`, which a mount leaves whole); other paths go to `next()`.
 *   Mount it before body parsers so bodies stream through; after `express.json()` it sends on the JSON
 *   it parsed.
 * - **Fastify**: in a plugin without body parsing, `reply.hijack()` and
 *   `toNodeHandler(auth)(request.raw, reply.raw)` (see the README).
 *
 * Request bodies are streamed to the core (`duplex: 'half'`) and read only when a route needs them;
 * every `Set-Cookie` header is written on its own; a HEAD answer has no body. A client that goes away
 * mid-request aborts the Web request's `signal` and costs nothing else: no unhandled error, no crash.
 * The request's origin is its `Host` header (and `https` on a TLS socket) unless `trustProxy` is set:
 * see {@link NodeRequestOptions.trustProxy}.
 *
 * @throws {LivepushAuthError} `invalid_config` when `auth` is not what `createLivepushAuth()` returns,
 *   or for an unknown option.
 * @example
 * ```ts
 * import express from 'express';
 * import { toNodeHandler } from '@livepush/auth-core/node';
 *
 * const app = express();
 * app.use('/auth', toNodeHandler(auth)); // before express.json()
 * ```
 */
export function toNodeHandler(
  auth: Pick<LivepushAuth, 'handle' | 'handler'>,
  options: NodeHandlerOptions = {},
): NodeHandler {
  if (typeof auth?.handle !== 'function' || typeof auth.handler !== 'function') {
    throw new LivepushAuthError(
      'invalid_config',
      'toNodeHandler(auth) takes the object createLivepushAuth() returns (from @livepush/auth-core/server).',
    );
  }
  const problems =
    typeof options === 'object' && options !== null
      ? unknownOptionProblems(options, OPTION_NAMES)
      : ['options must be an object { trustProxy? }.'];
  if (options?.trustProxy !== undefined && typeof options.trustProxy !== 'boolean')
    problems.push('trustProxy must be true or false.');
  if (problems.length > 0)
    throw new LivepushAuthError(
      'invalid_config',
      `Invalid toNodeHandler options:\n- ${problems.join('\n- ')}`,
    );
  const trustProxy = options.trustProxy === true;

  return async (req, res, next) => {
    if (typeof res?.setHeader !== 'function' || typeof res.end !== 'function') {
      throw new LivepushAuthError(
        'invalid_request',
        "toNodeHandler's handler takes Node's request and response (with Fastify: request.raw, reply.raw).",
      );
    }
    // The Web request's signal: aborted when the client goes away before the answer is written.
    const gone = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) gone.abort();
    };
    res.once('close', onClose);
    try {
      const request = toWebRequest(req, { trustProxy, signal: gone.signal });
      const method = request.method;
      // Middleware: paths outside basePath go on, their body untouched. A listener: they answer 404.
      const response = typeof next === 'function' ? await auth.handle(request) : await auth.handler(request);
      if (response === null) {
        res.off('close', onClose);
        return next?.();
      }
      await send(response, method, res);
    } catch (error) {
      const typed = isLivepushAuthError(error)
        ? error
        : new LivepushAuthError('session_error', 'The Node bridge failed unexpectedly.', { cause: error });
      if (typed.code === 'invalid_request') return sendError(res, typed, typed.status ?? 400);
      // A setup problem (e.g. a body parser's output it cannot send on): Express shows it; a plain
      // server answers 500 with the fixed text and logs what to fix.
      if (typeof next === 'function') return next(typed);
      console.error(`[livepush-auth] ${typed.message}`);
      sendError(res, typed, 500);
    }
  };
}
