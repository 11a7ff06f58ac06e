import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { MockScope } from '../scopes';
import type { MockState } from '../state';
import type { AccessTokenRecord } from '../tokens';

/** The Hono environment of the API routes: the checked token rides in `c.var.token`. */
export type ApiEnv = { Bindings: HttpBindings; Variables: { token: AccessTokenRecord } };

/** A Livepush API error body: `{ "message": "…" }`. */
export function apiError(
  status: 400 | 401 | 403 | 404,
  message: string,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Rejects any request without a valid bearer access token with 401 (RFC 6750 §3 challenge in
 * `WWW-Authenticate`), and otherwise stores the token record for the route.
 */
export function requireBearer(state: MockState): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) {
      return apiError(401, 'Missing bearer token: send Authorization: Bearer <access_token>.', {
        'www-authenticate': 'Bearer realm="livepush"',
      });
    }
    const checked = state.tokens.checkAccessToken(match[1]!);
    if (!checked.ok) {
      return apiError(401, checked.reason, {
        'www-authenticate': `Bearer realm="livepush", error="invalid_token", error_description="${checked.reason}"`,
      });
    }
    c.set('token', checked.record);
    await next();
  };
}

/** 403 unless the request's token carries `scope`; no scope implies another. */
export function missingScope(c: Context<ApiEnv>, scope: MockScope): Response | undefined {
  if (c.var.token.scopes.includes(scope)) return undefined;
  return apiError(403, `This endpoint requires the ${scope} scope.`, {
    'www-authenticate': `Bearer realm="livepush", error="insufficient_scope", scope="${scope}"`,
  });
}
