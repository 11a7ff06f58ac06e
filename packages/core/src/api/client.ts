import type { LivepushApiName } from './api-for-path';
import { type ApiCaller, type ApiSession, createApiCaller, singleFlightRefresh } from './call';
import type { LivepushApiMethod } from './endpoints-table';
import { type LivepushApiOptions, resolveApiOptions } from './options';
import { pathParam } from './path';
import { expectEntity, expectList } from './shape';
import { checkCreateStreamInput, checkPlaylist, checkVideoUrl } from './stream-input';
import type {
  CreatedStream,
  CreateStreamInput,
  LivepushDestination,
  LivepushRecording,
  LivepushStream,
  LivepushSubscription,
  LivepushUser,
  LivepushVideoMetadata,
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

/** The VOD import API (`vod-web-import-api`). */
export interface LivepushVodApi {
  /**
   * `POST /inspector/get_metadata` with `{ url }`: what Livepush reads from a video file before
   * importing it (duration, size, container, codecs). Needs `streams.videos.write` (inferred: the
   * scope Livepush documents for changing stream videos). A URL Livepush cannot read answers 400.
   */
  getMetadata(url: string, options?: LivepushCallOptions): Promise<LivepushVideoMetadata>;
}

/** A typed Livepush REST API client acting as one user. */
export interface LivepushApi {
  /** The Accounts API. */
  readonly account: LivepushAccountApi;
  /** Streams. */
  readonly streams: LivepushStreamsApi;
  /** Stream destinations. */
  readonly destinations: LivepushDestinationsApi;
  /** The VOD import API. */
  readonly vod: LivepushVodApi;
  /**
   * Calls any endpoint of the `accounts`, `streams` or `vod` API: `path` is the API path (a query
   * string is allowed). Endpoints in the scope
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
 * The typed client over an API layer, acting as `session`: cheap (a few closures), so the server
 * binds one per request to the handler's one {@link ApiCaller}.
 * @internal
 */
export function bindApi(caller: ApiCaller, session: ApiSession): LivepushApi {
  const request = <T>(
    api: LivepushApiName,
    method: LivepushApiMethod,
    path: string,
    init: LivepushApiRequestInit = {},
  ): Promise<T> => {
    const body = init.body === undefined ? null : JSON.stringify(init.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== null) headers['content-type'] = 'application/json';
    return caller.json<T>(session, {
      api,
      method: String(method).toUpperCase(),
      path,
      headers,
      body,
      signal: init.signal ?? null,
    });
  };

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
    vod: Object.freeze({
      getMetadata: async (url: string, o?: LivepushCallOptions) =>
        expectEntity<LivepushVideoMetadata>(
          await request('vod', 'POST', '/inspector/get_metadata', {
            ...o,
            body: { url: checkVideoUrl(url) },
          }),
          'POST /inspector/get_metadata',
        ),
    }),
    request,
  });
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
  const caller = createApiCaller(resolveApiOptions(options));
  const { getAccessToken, refreshAccessToken, getScopes } = options;
  const session: ApiSession = {
    async credentials() {
      // Scopes first: a call refused for a missing scope asks for no token.
      const scopes = getScopes ? await getScopes() : undefined;
      if (scopes !== undefined) return { scopes, accessToken: await getAccessToken() };
      return { accessToken: await getAccessToken() };
    },
  };
  if (refreshAccessToken) session.refresh = singleFlightRefresh(refreshAccessToken);
  return bindApi(caller, session);
}
