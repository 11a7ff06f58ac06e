import { LivepushAuthError } from './errors';

/**
 * The one road to Livepush: every request core sends (token grants, API calls, the browser proxy)
 * goes through {@link sendRequest} here, and what comes back is read with the helpers beside it
 * (`Retry-After`, redaction of server text, JSON bodies). Nothing else in core calls `fetch`.
 */

/** The `fetch` signature Livepush Auth needs; pass your own to add tracing, proxies or test doubles. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The injected `fetch`, or the global one (looked up at call time, so a test or polyfill that
 * replaces it later is honoured).
 * @internal
 */
export function resolveFetch(fetch: FetchLike | undefined): FetchLike {
  return fetch ?? ((input, init) => globalThis.fetch(input, init));
}

/** Connection failures that happen before a request is sent: retrying them cannot replay anything. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The failure's system code (`ECONNREFUSED`, …) when there is one, else its name. */
function failureName(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  const code = typeof inner === 'object' && inner !== null && 'code' in inner ? String(inner.code) : '';
  if (/^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  return cause instanceof Error ? cause.name : 'unknown failure';
}

/**
 * True for a `network_error` whose request never left this machine (refused, unresolvable): the
 * only transport failure after which a non-idempotent request may be retried.
 * @internal
 */
export function neverReachedServer(error: LivepushAuthError): boolean {
  return error.code === 'network_error' && error.cause instanceof Error && NEVER_SENT.has(error.cause.name);
}

/**
 * Sends one request to Livepush with a timeout, never following redirects (a token URL carries the
 * client secret), turning transport failures into `timeout` or `network_error`. Errors never carry
 * the URL or headers: only the failure's code. A caller's own `signal` aborting rethrows its reason.
 * The timeout also covers reading the body, unless the caller passes its own `deadline` signal.
 * @internal
 */
export async function sendRequest(
  fetch: FetchLike,
  timeoutMs: number,
  url: string | URL,
  init: RequestInit,
  label: string,
  deadline?: AbortSignal,
): Promise<Response> {
  // `deadline`: a timeout signal the caller owns (and clears once it has read the body).
  const timeout = deadline ?? AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (cause) {
    throw transportError(cause, init.signal, timeout.aborted, timeoutMs, label);
  }
}

/** A response read to the end: the status and headers, and the whole body. @internal */
export interface Exchange {
  readonly response: Response;
  readonly body: Uint8Array<ArrayBuffer>;
}

/**
 * The most bytes the browser proxy reads from one body, either way: a browser's request, or
 * Livepush's answer to it. @internal
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The most bytes read from one answer to server code (the typed API client): Livepush's lists come
 * unpaginated, so more room, still bounded. @internal
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** `chunk` itself when it is the whole of a plain `ArrayBuffer` (a fetch body's chunks are), else a copy. */
function owned(chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = chunk;
  return buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength
    ? (chunk as Uint8Array<ArrayBuffer>)
    : new Uint8Array(chunk);
}

/**
 * Reads a body in chunks up to `limit` bytes, so a huge one is never held whole: past it, the read
 * is cancelled and `tooLarge()` is thrown (a declared `Content-Length` past it fails before reading).
 * @internal
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  limit: number,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(declaredLength ?? 0) > limit) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return owned(chunks[0]!);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * {@link sendRequest}, then reads the whole body (at most `maxBytes`: a larger answer is
 * `invalid_response`), both under one deadline of `timeoutMs` (a plain timer: cheaper than
 * `AbortSignal.timeout` on a hot path such as the browser proxy).
 * @internal
 */
export async function exchange(
  fetch: FetchLike,
  timeoutMs: number,
  url: string | URL,
  init: RequestInit,
  label: string,
  maxBytes: number = MAX_ANSWER_BYTES,
): Promise<Exchange> {
  const deadline = new AbortController();
  const timer = setTimeout(abortDeadline, timeoutMs, deadline);
  try {
    const response = await sendRequest(fetch, timeoutMs, url, init, label, deadline.signal);
    const tooLarge = () =>
      new LivepushAuthError(
        'invalid_response',
        `Livepush answered ${label} with a body larger than ${maxBytes / 1024 / 1024} MB; it was not read.`,
        { status: response.status },
      );
    try {
      const length = response.headers.get('content-length');
      return { response, body: await readBounded(response.body, length, maxBytes, tooLarge) };
    } catch (cause) {
      if (cause instanceof LivepushAuthError) throw cause;
      throw transportError(cause, init.signal, deadline.signal.aborted, timeoutMs, label);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The deadline's timer callback: one function for every call, not a closure per call. */
function abortDeadline(deadline: AbortController): void {
  deadline.abort();
}

/**
 * The typed error for a failed send or body read.
 * @internal
 */
export function transportError(
  cause: unknown,
  callerSignal: AbortSignal | null | undefined,
  timedOut: boolean,
  timeoutMs: number,
  label: string,
): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  const isAbort = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  if (timedOut || isAbort) {
    return new LivepushAuthError(
      'timeout',
      `Livepush did not answer ${label} within ${timeoutMs} ms. This is usually temporary: try again.`,
      { cause: new Error('timeout') },
    );
  }
  const name = failureName(cause);
  // Keep the failure's code, never its message: some runtimes put the URL (with its query) there.
  const stripped = new Error(name);
  stripped.name = name;
  return new LivepushAuthError(
    'network_error',
    `Could not reach Livepush for ${label} (${name}). Check the network and the endpoint URLs, then try again.`,
    { cause: stripped },
  );
}

/**
 * Seconds from a `Retry-After` header, delta-seconds or HTTP date (RFC 9110 §10.2.3) alike; a date
 * in the past is 0. `undefined` when absent or unreadable.
 * @internal
 */
export function retryAfterSeconds(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Parameters whose value is a credential wherever they show up in server text — a query string, a
 * form, JSON or prose (`client_secret=…`, `"refresh_token": "…"`, `code%3D…`): the value is removed
 * whatever it is, known to us or not.
 */
const CREDENTIAL_PARAMETER =
  /(^|[^A-Za-z0-9_])(client_secret|code_verifier|refresh_token|access_token|id_token)(\s*["']?\s*[:=]\s*["']?|%3d|%22%3a%22|%3a)([^\s&"',;<>(){}[\]]+)/gi;
/** `code` only as a query or form parameter: a JSON `"code"` field is an API's error code, not a secret. */
const CODE_PARAMETER = /(^|[^A-Za-z0-9_])(code)(=|%3d)([^\s&"',;<>(){}[\]]+)/gi;
/** An echoed `Authorization` header: the credentials after `Bearer` or `Basic` (not a plain word). */
const AUTHORIZATION = /\b(bearer|basic)(\s+|%20|\+)([A-Za-z0-9._~+/=%-]{6,})/gi;
/** Any run of this many characters of a secret (in any spelling) counts as the secret: a cut echo too. */
const PARTIAL = 8;

/**
 * The spellings a server may echo a value in: as is, percent-encoded (upper or lower case hex),
 * form-encoded (spaces as `+`), with its `+` read as spaces, and JSON-escaped.
 */
function spellings(secret: string): Set<string> {
  const percent = encodeURIComponent(secret);
  return new Set([
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ v: secret }).toString().slice(2),
    secret.replaceAll('+', ' '),
    JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
  ]);
}

/** Replaces every run of {@link PARTIAL} or more characters that belongs to one of `forms`. */
function removeRuns(text: string, forms: Iterable<string>): string {
  const grams = new Set<string>();
  for (const form of forms) {
    if (form.length < PARTIAL) {
      text = text.split(form).join('[redacted]');
      continue;
    }
    for (let i = 0; i + PARTIAL <= form.length; i++) grams.add(form.slice(i, i + PARTIAL));
  }
  if (grams.size === 0) return text;
  const marked = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + PARTIAL <= text.length; i++) {
    if (!grams.has(text.slice(i, i + PARTIAL))) continue;
    marked.fill(1, i, i + PARTIAL);
    any = true;
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!marked[i]) out += text[i];
    else if (i === 0 || !marked[i - 1]) out += '[redacted]';
  }
  return out;
}

/**
 * The one redactor: server text made safe to keep on an error, log or pass on. Control characters
 * become spaces; every secret we hold (a token, the client secret, a code, a verifier) is removed in
 * any spelling a server may echo it in (raw, percent- or form-encoded, JSON-escaped) and any run of
 * 8 or more of its characters (a cut echo); the values of credential parameters (`client_secret`,
 * `code_verifier`, `refresh_token`, `access_token`, `code`) and of `Bearer`/`Basic` credentials
 * are removed wholesale, known or not; then the text is cut to `max` characters. Values shorter than
 * 6 characters are not secrets we hold and would shred the text, so they are left alone.
 * @internal
 */
export function redact(text: string, secrets: readonly (string | undefined)[], max: number): string {
  // A control character (a newline between echoed headers) becomes a space, so words stay apart.
  let out = text.replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ');
  const forms: string[] = [];
  for (const secret of secrets) if (secret && secret.length >= 6) forms.push(...spellings(secret));
  if (forms.length > 0) out = removeRuns(out, forms);
  const parameter = (_: string, before: string, name: string, separator: string) =>
    `${before}${name}${separator}[redacted]`;
  out = out
    .replace(CREDENTIAL_PARAMETER, parameter)
    .replace(CODE_PARAMETER, parameter)
    .replace(AUTHORIZATION, (whole, scheme, space, value: string) =>
      // A plain word or an auth-param (`Bearer realm="…"`) is not a credential.
      /^[a-z]+=?$/.test(value) ? whole : `${scheme}${space}[redacted]`,
    );
  return out.slice(0, max);
}

/**
 * Parses a 2xx body as JSON (`undefined` for an empty body or a 204).
 * @throws {LivepushAuthError} `invalid_response` for a body that is not JSON.
 * @internal
 */
export function parseJsonBody(response: Response, text: string, label: string): unknown {
  if (response.status === 204 || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new LivepushAuthError(
      'invalid_response',
      `Livepush answered ${label} with ${response.status} but the body is not JSON (${type.split(';')[0]}). This is usually a proxy or outage page: try again later.`,
      { status: response.status },
    );
  }
}
