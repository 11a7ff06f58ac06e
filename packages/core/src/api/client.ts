import { joinUrl } from '../endpoints';
import { LivepushAuthError } from '../errors';
import { type LivepushApiName, missingScopes } from '../scopes';
import { sendRequest } from '../transport';
import { type LivepushApiMethod, requiredScopeFor } from './endpoints-table';
import { LivepushApiError } from './errors';
import { type LivepushApiOptions, type ResolvedApiOptions, resolveApiOptions } from './options';
import { checkApiPath, pathParam } from './path';
import { expectEntity, expectList } from './shape';
import { checkCreateStreamInput, checkPlaylist } from './stream-input';
import { readJsonBody } from './transport';
import type {
  CreatedStream,
  CreateStreamInput,
  LivepushDestination,
  LivepushRecording,
  LivepushStream,
  LivepushSubscription,
  LivepushUser,
} from './types';

export type { LivepushApiOptions } from './options';

/** Per-call options of the typed methods. */
export interface LivepushCallOptions {
  /** Aborts the call; its reason is rethrown as is. */
  signal?: AbortSignal;
}

/** Options of {@link LivepushApi.request}. */
export interface LivepushApiRequestInit extends LivepushCallOptions {
  /** A body to send as JSON. */
  body?: unknown;
}

/** The Accounts API (`squid`). */
export interface LivepushAccountApi {
  /** `GET /account/this`: the signed-in user. Needs `profile.read`. */
  get(options?: LivepushCallOptions): Promise<LivepushUser>;
  /** `GET /account/subscriptions`: active and past subscriptions. Needs `subscriptions.read`. */
  subscriptions(options?: LivepushCallOptions): Promise<LivepushSubscription[]>;
}

/** The streams part of the Streams API (`octopus`). */
export interface LivepushStreamsApi {
  /** `GET /streams/mine`: the user's streams. Needs `streams.read`. */
  list(options?: LivepushCallOptions): Promise<LivepushStream[]>;
  /** `GET /streams/{streamId}`: one stream (404 when it is not the user's). Needs `streams.read`. */
  get(streamId: string, options?: LivepushCallOptions): Promise<LivepushStream>;
  /** `POST /streams`: creates a stream; the input is validated locally first. Needs `streams.create`. */
  create(input: CreateStreamInput, options?: LivepushCallOptions): Promise<CreatedStream>;
  /** `GET /streams/me/recordings`: the user's recordings. Needs `streams.videos.read`. */
  recordings(options?: LivepushCallOptions): Promise<LivepushRecording[]>;
  /**
   * `PUT /streams/{streamId}/config/scheduler/playlist` with `{ videos }`. Needs `streams.write`.
   * The answer is not documented: use {@link LivepushApi.request} to read it.
   */
  setPlaylist(streamId: string, videos: readonly string[], options?: LivepushCallOptions): Promise<void>;
}

/** The destinations part of the Streams API (`octopus`). */
export interface LivepushDestinationsApi {
  /** `GET /streams/me/destinations`: saved destinations. Needs `streams.destinations.read`. */
  list(options?: LivepushCallOptions): Promise<LivepushDestination[]>;
  /** `PUT /streams/{streamId}/destinations/{destinationId}/enable`. Needs `streams.destinations.write`. */
  enable(streamId: string, destinationId: string, options?: LivepushCallOptions): Promise<void>;
  /** `PUT /streams/{streamId}/destinations/{destinationId}/disable`. Needs `streams.destinations.write`. */
  disable(streamId: string, destinationId: string, options?: LivepushCallOptions): Promise<void>;
}

/** A typed Livepush REST API client acting as one user. */
export interface LivepushApi {
  /** The Accounts API. */
  readonly account: LivepushAccountApi;
  /** Streams. */
  readonly streams: LivepushStreamsApi;
  /** Stream destinations. */
  readonly destinations: LivepushDestinationsApi;
  /**
   * Calls any endpoint: `path` is the API path (a query string is allowed). Endpoints in the scope
   * table are scope-checked like the typed methods; others are sent unchecked. Resolves the parsed
   * JSON body (`undefined` when empty).
   *
   * @throws {LivepushAuthError} `invalid_request` (bad path), `missing_scopes`, `network_error`,
   *   `timeout`, `invalid_response`; {@link LivepushApiError} for an error status.
   */
  request<T = unknown>(
    api: LivepushApiName,
    method: LivepushApiMethod,
    path: string,
    init?: LivepushApiRequestInit,
  ): Promise<T>;
}

/**
 * Shares one refresh among calls refused the same token, including calls whose 401 arrives after
 * the refresh finished: they get its result instead of refreshing again. A failed refresh is forgotten.
 */
function singleFlightRefresh(refresh: () => Promise<string>): (rejected: string) => Promise<string> {
  let last: { rejected: string; next: Promise<string> } | undefined;
  return (rejected) => {
    if (last?.rejected === rejected) return last.next;
    const flight = { rejected, next: refresh() };
    last = flight;
    flight.next.catch(() => {
      if (last === flight) last = undefined;
    });
    return flight.next;
  };
}

/**
 * Creates the typed Livepush API client. Each call checks the scope its endpoint needs (when
 * `getScopes` is given), sends `Authorization: Bearer <token>`, and on a 401 refreshes the token once
 * and retries once.
 *
 * @throws {LivepushAuthError} `invalid_config` listing every problem with `options`.
 * @example
 * ```ts
 * const api = createLivepushApi({ getAccessToken: () => ctx.getAccessToken() })
 * const streams = await api.streams.list()
 * ```
 */
export function createLivepushApi(options: LivepushApiOptions): LivepushApi {
  const config = resolveApiOptions(options);
  const refresh = config.refreshAccessToken ? singleFlightRefresh(config.refreshAccessToken) : undefined;

  async function request<T>(
    api: LivepushApiName,
    method: LivepushApiMethod,
    path: string,
    init: LivepushApiRequestInit = {},
  ): Promise<T> {
    checkApiPath(path);
    const upper = method.toUpperCase();
    await checkScopes(config, upper, api, path);
    const url = joinUrl(api === 'accounts' ? config.accountsApi : config.streamsApi, path);
    const label = `${upper} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const body = init.body === undefined ? null : JSON.stringify(init.body);
    if (body !== null) headers['content-type'] = 'application/json';
    const attempt = (token: string) =>
      sendRequest(
        config.fetch,
        config.timeoutMs,
        url,
        {
          method: upper,
          headers: { ...headers, authorization: `Bearer ${token}` },
          body,
          signal: init.signal ?? null,
        },
        label,
      );

    let token = await config.getAccessToken();
    let response = await attempt(token);
    if (response.status === 401 && refresh !== undefined) {
      await response.body?.cancel();
      token = await refresh(token);
      response = await attempt(token);
    }
    if (!response.ok) {
      throw await LivepushApiError.fromResponse(
        response,
        { method: upper, path: label.slice(upper.length + 1) },
        [token],
      );
    }
    return (await readJsonBody(response, init.signal, config.timeoutMs, label)) as T;
  }

  const get = <T>(api: LivepushApiName, path: string, options?: LivepushCallOptions) =>
    request<T>(api, 'GET', path, options);
  const send = async (
    method: LivepushApiMethod,
    path: string,
    body: unknown,
    options?: LivepushCallOptions,
  ) => {
    await request('streams', method, path, body === undefined ? { ...options } : { ...options, body });
  };
  const toggle =
    (action: 'enable' | 'disable') =>
    async (streamId: string, destinationId: string, o?: LivepushCallOptions) =>
      send(
        'PUT',
        `/streams/${pathParam('streamId', streamId)}/destinations/${pathParam('destinationId', destinationId)}/${action}`,
        undefined,
        o,
      );

  return Object.freeze({
    account: Object.freeze({
      get: async (o?: LivepushCallOptions) =>
        expectEntity<LivepushUser>(await get('accounts', '/account/this', o), 'GET /account/this'),
      subscriptions: async (o?: LivepushCallOptions) =>
        expectList<LivepushSubscription>(
          await get('accounts', '/account/subscriptions', o),
          'GET /account/subscriptions',
        ),
    }),
    streams: Object.freeze({
      list: async (o?: LivepushCallOptions) =>
        expectList<LivepushStream>(await get('streams', '/streams/mine', o), 'GET /streams/mine'),
      get: async (streamId: string, o?: LivepushCallOptions) => {
        const path = `/streams/${pathParam('streamId', streamId)}`;
        return expectEntity<LivepushStream>(await get('streams', path, o), `GET ${path}`);
      },
      create: async (input: CreateStreamInput, o?: LivepushCallOptions) => {
        const body = checkCreateStreamInput(input);
        return expectEntity<CreatedStream>(
          await request('streams', 'POST', '/streams', { ...o, body }),
          'POST /streams',
        );
      },
      recordings: async (o?: LivepushCallOptions) =>
        expectList<LivepushRecording>(
          await get('streams', '/streams/me/recordings', o),
          'GET /streams/me/recordings',
        ),
      setPlaylist: async (streamId: string, videos: readonly string[], o?: LivepushCallOptions) =>
        send(
          'PUT',
          `/streams/${pathParam('streamId', streamId)}/config/scheduler/playlist`,
          { videos: checkPlaylist(videos) },
          o,
        ),
    }),
    destinations: Object.freeze({
      list: async (o?: LivepushCallOptions) =>
        expectList<LivepushDestination>(
          await get('streams', '/streams/me/destinations', o),
          'GET /streams/me/destinations',
        ),
      enable: toggle('enable'),
      disable: toggle('disable'),
    }),
    request,
  });
}

async function checkScopes(
  config: ResolvedApiOptions,
  method: string,
  api: LivepushApiName,
  path: string,
): Promise<void> {
  if (config.getScopes === undefined) return;
  const scope = requiredScopeFor(method, api, path);
  if (scope === undefined) return;
  const missing = missingScopes(await config.getScopes(), [scope]);
  if (missing.length === 0) return;
  throw new LivepushAuthError(
    'missing_scopes',
    `${method} ${path.split('?')[0]} needs the ${scope} scope, which this session was not granted. Sign the user in again asking for it (incremental consent).`,
    { missingScopes: missing },
  );
}
