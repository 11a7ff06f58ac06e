import type { LivepushApiName } from '../api/api-for-path';
import { isLivepushAuthError, LivepushAuthError } from '../errors';
import { resolveServerCore, type ServerCore } from './config';
import { errorResponse } from './error-response';
import type { LivepushAuthOptions } from './options';
import { createRequestContext, type RequestContext } from './request-context';
import { ANY_METHOD, refusal } from './request-policy';
import { jsonResponse, redirectResponse } from './responses';
import { callback } from './routes/callback';
import { login } from './routes/login';
import { logout } from './routes/logout';
import { proxy } from './routes/proxy';
import { session } from './routes/session';
import { createSealer, type Sealer } from './seal';
import type { LivepushAuth } from './types';
import { listSessions, signOutUser } from './user-sessions';

/** One route: the methods it takes (the only method policy there is) and what answers it. */
interface Route {
  readonly methods: readonly string[] | typeof ANY_METHOD;
  run(core: ServerCore, context: RequestContext, match: RegExpExecArray): Promise<Response>;
}

/**
 * The routes under `basePath`, matched in order. Unsafe methods (`logout`, a profile re-read by `POST
 * session`, changes through the API) must also come from this site: {@link refusal} applies both
 * checks before a route runs.
 */
const ROUTES: readonly (readonly [RegExp, Route])[] = [
  [/^login$/, { methods: ['GET'], run: login }],
  [/^callback$/, { methods: ['GET'], run: callback }],
  [/^logout$/, { methods: ['POST'], run: logout }],
  [/^session$/, { methods: ['GET', 'POST'], run: session }],
  [
    /^api\/(accounts|streams|vod)(\/.*)$/,
    {
      methods: ANY_METHOD,
      run: (core, context, match) => proxy(core, context, match[1] as LivepushApiName, match[2]!),
    },
  ],
];

/** `request` when it is a Web Request; else the `invalid_request` error `method` throws. */
function checkRequest(request: Request, method: string): Request {
  if (typeof request?.url !== 'string' || typeof request.headers?.get !== 'function') {
    throw new LivepushAuthError(
      'invalid_request',
      `${method}() needs the Web Request of the current request (e.g. event.request).`,
    );
  }
  return request;
}

/** What {@link LivepushAuth.sealer} takes as a purpose. */
const PURPOSE = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Creates the Livepush Auth server: one Web `Request → Response` handler for the routes under
 * `basePath`, plus helpers for the rest of your server code.
 *
 * @throws {LivepushAuthError} `invalid_config` listing every problem with the options.
 * @example
 * ```ts
 * const auth = createLivepushAuth({
 *   clientId: process.env.LIVEPUSH_CLIENT_ID!,
 *   clientSecret: process.env.LIVEPUSH_CLIENT_SECRET!,
 *   redirectUri: 'https://app.example.com/auth/callback',
 *   secret: process.env.SESSION_SECRET!,
 *   scopes: ['profile.read', 'streams.read'],
 * })
 * // in any server that speaks Request/Response:
 * const response = await auth.handler(request)
 * ```
 */
export function createLivepushAuth(options: LivepushAuthOptions): LivepushAuth {
  const core = resolveServerCore(options);
  const prefix = `${core.basePath}/`;

  /** The route under basePath and the parsed URL (parsed once per request), or `null` for other paths. */
  const routeOf = (request: Request): { route: string; url: URL } | null => {
    const url = new URL(request.url);
    return url.pathname.startsWith(prefix) ? { route: url.pathname.slice(prefix.length), url } : null;
  };

  async function answer(request: Request, { route, url }: { route: string; url: URL }): Promise<Response> {
    const context = createRequestContext(core, request, { url });
    try {
      for (const [pattern, entry] of ROUTES) {
        const match = pattern.exec(route);
        if (!match) continue;
        const refused = refusal(
          request,
          url,
          core.trustedOrigins,
          entry.methods,
          `${core.basePath}/${route}`,
        );
        if (!refused) return await entry.run(core, context, match);
        core.report(refused.error, route);
        const response = errorResponse(refused.error);
        if (refused.allow) response.headers.set('allow', refused.allow);
        return response;
      }
      return jsonResponse(
        { code: 'not_found', message: `No Livepush Auth route ${core.basePath}/${route}.` },
        404,
      );
    } catch (error) {
      // Nothing escapes as an exception: an auth route answers, whatever happened.
      const typed = isLivepushAuthError(error)
        ? error
        : new LivepushAuthError('session_error', 'Livepush Auth failed unexpectedly; try again.', {
            cause: error,
          });
      core.report(typed, route);
      if (!isLivepushAuthError(error))
        core.log.error('unexpected error in the auth handler', { route, name: (error as Error)?.name });
      if (route === 'callback' || route === 'login')
        return redirectResponse(`/?error=${typed.code}`, context.setCookies);
      return errorResponse(typed, context.setCookies);
    }
  }

  /** One sealer per purpose, keyed apart from the sessions' (and each other's) by HKDF. */
  const sealers = new Map<string, Sealer>();

  return {
    client: core.client,
    basePath: core.basePath,
    sealer(purpose) {
      if (typeof purpose !== 'string' || !PURPOSE.test(purpose)) {
        throw new LivepushAuthError(
          'invalid_request',
          'sealer(purpose): name the purpose with 1–64 letters, digits, ".", "_", ":" or "-" (e.g. "form-resume").',
        );
      }
      let sealer = sealers.get(purpose);
      if (!sealer) {
        sealer = createSealer(options.secret, { domain: `livepush-app:${purpose}`, now: core.client.now });
        sealers.set(purpose, sealer);
      }
      return sealer;
    },
    async handler(request) {
      const route = routeOf(request);
      if (route === null)
        return jsonResponse(
          { code: 'not_found', message: `Not a Livepush Auth route (they live under ${core.basePath}/).` },
          404,
        );
      return answer(request, route);
    },
    async handle(request) {
      const route = routeOf(request);
      return route === null ? null : answer(request, route);
    },
    getSession: (request) => createRequestContext(core, request).getSession(),
    async getAccessToken(request) {
      const context = createRequestContext(core, request);
      const accessToken = await context.getAccessToken();
      return { accessToken, setCookies: [...context.setCookies] };
    },
    async updateSession(request, update) {
      const context = createRequestContext(core, checkRequest(request, 'updateSession'));
      const session = await context.updateSession(update);
      return { session, setCookies: [...context.setCookies] };
    },
    async refreshProfile(request) {
      const context = createRequestContext(core, checkRequest(request, 'refreshProfile'));
      const session = await context.refreshProfile();
      return { session, setCookies: [...context.setCookies] };
    },
    signOutUser: (userId) => signOutUser(core, userId),
    listSessions: (userId) => listSessions(core, userId),
    requestContext(request, contextOptions = {}) {
      checkRequest(request, 'requestContext');
      if (contextOptions.onCookie !== undefined && typeof contextOptions.onCookie !== 'function') {
        throw new LivepushAuthError('invalid_request', 'requestContext(): onCookie must be a function.');
      }
      return createRequestContext(core, request, contextOptions);
    },
  };
}
