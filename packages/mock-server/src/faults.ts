import { STATUS_CODES } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { MockEchoFault, MockFault } from './types';

/** Which kind of endpoint a request targets, for faults and counters. */
export type RequestTarget = 'authorize' | 'token' | 'api' | 'other';

/** Where the API slices live: accounts, streams, VOD import. */
export const API_PREFIXES = ['/squid', '/octopus', '/vod'] as const;

/** Classifies a request path. */
export function targetOf(path: string): RequestTarget {
  if (path === '/oauth2/access_token') return 'token';
  if (path === '/oauth2/authorize' || path.startsWith('/oauth2/authorize/')) return 'authorize';
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ? 'api' : 'other';
}

/** Statuses whose responses never carry a body (RFC 9110 §15.3.5, §15.3.6, §15.4.5). */
const NULL_BODY = new Set([204, 205, 304]);

interface QueuedFault {
  fault: MockFault;
  remaining: number;
}

function validate(fault: MockFault): number {
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1)
    throw new RangeError(`fault.times must be a positive integer, got ${times}`);
  if (
    fault.kind === 'status' &&
    (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)
  ) {
    throw new RangeError(`fault.status must be an HTTP status between 200 and 599, got ${fault.status}`);
  }
  if (fault.kind === 'delay' && (!Number.isFinite(fault.ms) || fault.ms < 0)) {
    throw new RangeError(`fault.ms must be a non-negative number, got ${fault.ms}`);
  }
  if (fault.kind === 'echo') {
    const status = fault.status ?? 400;
    if (!Number.isInteger(status) || status < 200 || status > 599 || NULL_BODY.has(status))
      throw new RangeError(`an echo fault needs a status between 200 and 599 that has a body, got ${status}`);
    if (fault.truncate !== undefined && (!Number.isInteger(fault.truncate) || fault.truncate < 1))
      throw new RangeError(`fault.truncate must be a positive integer, got ${fault.truncate}`);
  }
  return times;
}

/** Faults waiting to be applied, and the timers of delays in progress. */
export class FaultQueue {
  #queue: QueuedFault[] = [];
  readonly #timers = new Map<NodeJS.Timeout, () => void>();

  /** Appends faults; each one validated first, so a bad one queues none. */
  add(faults: readonly MockFault[]): void {
    const queued = faults.map((fault) => ({ fault, remaining: validate(fault) }));
    this.#queue.push(...queued);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue = [];
  }

  /** Takes one use of the first queued fault for `target`, if any. */
  take(target: RequestTarget): MockFault | undefined {
    const index = this.#queue.findIndex((entry) => entry.fault.on === target);
    if (index === -1) return undefined;
    const entry = this.#queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#queue.splice(index, 1);
    return entry.fault;
  }

  /** Waits `ms`; {@link cancelTimers} ends the wait early. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }

  /** Clears every pending delay (on close), releasing the requests that wait on them. */
  cancelTimers(): void {
    for (const [timer, release] of this.#timers) {
      clearTimeout(timer);
      release();
    }
    this.#timers.clear();
  }
}

const HTML_ERROR_PAGE = `<!doctype html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

/**
 * Answers a request with `fault`. Returns `undefined` for a delay: the caller then handles the
 * request normally, late.
 */
export async function applyFault(
  c: Context<{ Bindings: HttpBindings }>,
  fault: MockFault,
  queue: FaultQueue,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'status': {
      const headers = new Headers(fault.headers);
      if (fault.retryAfterSeconds !== undefined) headers.set('retry-after', String(fault.retryAfterSeconds));
      if (NULL_BODY.has(fault.status)) return new Response(null, { status: fault.status, headers });
      const body = fault.body ?? STATUS_CODES[fault.status] ?? 'Error';
      const type = /^\s*[[{]/.test(body) ? 'application/json' : 'text/plain; charset=utf-8';
      headers.set('content-type', fault.contentType ?? type);
      return new Response(body, { status: fault.status, headers });
    }
    case 'echo':
      return echoResponse(c.req.raw, fault);
    case 'delay':
      await queue.sleep(fault.ms);
      return undefined;
    case 'malformed_json':
      return new Response('{"access_token": ', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    case 'html':
      return new Response(HTML_ERROR_PAGE, {
        status: 502,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    case 'empty':
      return new Response('', { status: 200, headers: { 'content-type': 'application/json' } });
    case 'drop':
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    case 'oauth_error': {
      const body: Record<string, string> = { error: fault.error };
      if (fault.description !== undefined) body.error_description = fault.description;
      return new Response(JSON.stringify(body), {
        status: fault.status ?? 400,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    }
  }
}

/** One parameter value written the way `encoding` asks. */
function encodeValue(value: string, encoding: NonNullable<MockEchoFault['encoding']>): string {
  if (encoding === 'percent') return encodeURIComponent(value);
  if (encoding === 'form') return new URLSearchParams({ v: value }).toString().slice(2);
  return value;
}

/** What an echo fault copies out of `request`, as text. */
async function echoText(request: Request, fault: MockEchoFault): Promise<string> {
  const cut = (value: string) => (fault.truncate === undefined ? value : value.slice(0, fault.truncate));
  if (fault.echo === 'headers') {
    return [...request.headers].map(([name, value]) => `${name}: ${cut(value)}`).join('\n');
  }
  const raw = request.method === 'GET' ? new URL(request.url).search.slice(1) : await request.text();
  const encoding = fault.encoding ?? 'as-sent';
  // As sent: the wire bytes of every `name=value` pair, each value cut where it must be.
  if (encoding === 'as-sent') {
    return raw
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        return eq === -1 ? pair : `${pair.slice(0, eq + 1)}${cut(pair.slice(eq + 1))}`;
      })
      .join('&');
  }
  return [...new URLSearchParams(raw)]
    .map(([name, value]) => `${name}=${cut(encodeValue(value, encoding))}`)
    .join('&');
}

/** The answer of an `echo` fault: the request copied into an error, where a careless server puts it. */
async function echoResponse(request: Request, fault: MockEchoFault): Promise<Response> {
  const text = await echoText(request, fault);
  const status = fault.status ?? 400;
  const headers = { 'cache-control': 'no-store' };
  const into =
    fault.into ?? (targetOf(new URL(request.url).pathname) === 'token' ? 'error_description' : 'message');
  if (into === 'text') {
    return new Response(`Bad request: ${text}`, {
      status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const body =
    into === 'message'
      ? { message: `Invalid request: ${text}` }
      : into === 'error'
        ? { error: text, error_description: 'The request was rejected.' }
        : { error: 'invalid_request', error_description: `Rejected request: ${text}` };
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}
