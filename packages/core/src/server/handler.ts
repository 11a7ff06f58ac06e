import { isLivepushAuthError, LivepushAuthError } from '../errors';
import { resolveServerCore, type ServerCore } from './config';
import { errorResponse } from './error-response';
import type { LivepushAuthOptions } from './options';
import { createRequestState, type RequestState } from './request-context';
import { jsonResponse, redirectResponse } from './responses';
import { callback } from './routes/callback';
import { login } from './routes/login';
import { logout } from './routes/logout';
import { proxy } from './routes/proxy';
import { session } from './routes/session';
import type { LivepushAuth } from './types';

type Route = (core: ServerCore, state: RequestState) => Promise<Response>;

const ROUTES: Record<string, { methods: readonly string[]; run: Route }> = {
  login: { methods: ['GET'], run: login },
  callback: { methods: ['GET'], run: callback },
  logout: { methods: ['POST', 'GET'], run: logout },
  session: { methods: ['GET'], run: session },
};

const API_PREFIX = /^api\/(accounts|streams)(\/.*)$/;

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
    const state = createRequestState(core, request, url);
    try {
      const api = API_PREFIX.exec(route);
      if (api) return await proxy(core, state, api[1] as 'accounts' | 'streams', api[2]!);
      const entry = ROUTES[route];
      if (!entry)
        return jsonResponse(
          { code: 'not_found', message: `No Livepush Auth route ${core.basePath}/${route}.` },
          404,
        );
      if (!entry.methods.includes(request.method)) {
        const response = jsonResponse(
          { code: 'invalid_request', message: `Use ${entry.methods.join(' or ')}.` },
          405,
        );
        response.headers.set('allow', entry.methods.join(', '));
        return response;
      }
      return await entry.run(core, state);
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
        return redirectResponse(`/?error=${typed.code}`, state.setCookies);
      return errorResponse(typed, state.setCookies);
    }
  }

  return {
    client: core.client,
    basePath: core.basePath,
    matches: (request) => routeOf(request) !== null,
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
    getSession: (request) => createRequestState(core, request).getSession(),
    async getAccessToken(request) {
      const state = createRequestState(core, request);
      const accessToken = await state.getAccessToken();
      return { accessToken, setCookies: [...state.setCookies] };
    },
    forRequest: (request) => createRequestState(core, request),
  };
}
