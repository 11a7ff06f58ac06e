import { createHash } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { TOKEN_PATH } from '../endpoints';
import { type MockScope, parseScopeParam } from '../scopes';
import type { MockState } from '../state';
import type { IssuedTokens } from '../tokens';
import { authenticateClient } from './client-auth';
import { tokenError } from './errors';

/** Parameters that must not repeat (RFC 6749 §3.2). */
const SINGLE_PARAMS = [
  'grant_type',
  'code',
  'redirect_uri',
  'client_id',
  'client_secret',
  'code_verifier',
  'refresh_token',
  'scope',
];

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function success(tokens: IssuedTokens): Response {
  // Exactly the four documented fields, in the documented order.
  const body = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    token_type: tokens.token_type,
    expires_in: tokens.expires_in,
  };
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' },
  });
}

/** The authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.6). */
function codeGrant(state: MockState, clientId: string, params: URLSearchParams): Response {
  const code = params.get('code');
  const redirectUri = params.get('redirect_uri');
  if (code === null || code === '') return tokenError('invalid_request', 'code is required.');
  if (redirectUri === null || redirectUri === '')
    return tokenError('invalid_request', 'redirect_uri is required.');
  const record = state.codes.find(code);
  if (record === undefined) return tokenError('invalid_grant', 'Unknown authorization code.');
  if (record.used) {
    // RFC 6749 §10.5: a replayed code revokes what it already produced.
    if (record.grantId !== undefined) state.tokens.revokeGrant(record.grantId);
    return tokenError(
      'invalid_grant',
      'The authorization code was already used; its tokens are now revoked.',
    );
  }
  // Any presentation burns the code, successful or not.
  record.used = true;
  if (state.now() >= record.expiresAt)
    return tokenError('invalid_grant', 'The authorization code has expired.');
  if (record.clientId !== clientId)
    return tokenError('invalid_grant', 'The authorization code was issued to another client.');
  if (record.redirectUri !== redirectUri) {
    return tokenError('invalid_grant', 'redirect_uri does not match the one of the authorization request.');
  }
  const verifier = params.get('code_verifier');
  if (record.codeChallenge !== undefined) {
    if (verifier === null || verifier === '') {
      return tokenError(
        'invalid_grant',
        'code_verifier is required: the authorization request carried a code_challenge.',
      );
    }
    if (!VERIFIER.test(verifier) || s256(verifier) !== record.codeChallenge) {
      return tokenError('invalid_grant', 'code_verifier does not match the code_challenge.');
    }
  } else if (verifier !== null) {
    // A verifier without a challenge would let a downgraded request through unnoticed (RFC 9700 §2.1.1).
    return tokenError(
      'invalid_grant',
      'code_verifier was sent but the authorization request had no code_challenge.',
    );
  }
  const grant = state.tokens.createGrant({
    userId: record.userId,
    clientId,
    scopes: record.scopes,
    accessTokenTtlSeconds: state.accessTokenTtlSeconds,
  });
  record.grantId = grant.id;
  state.stats.codeGrants += 1;
  return success(state.tokens.issue(grant, record.scopes));
}

/** The refresh token grant (RFC 6749 §6). */
function refreshGrant(state: MockState, clientId: string, params: URLSearchParams): Response {
  const refreshToken = params.get('refresh_token');
  if (refreshToken === null || refreshToken === '')
    return tokenError('invalid_request', 'refresh_token is required.');
  const checked = state.tokens.checkRefreshToken(refreshToken, clientId);
  if (!checked.ok) {
    if (checked.replayed === undefined) return tokenError('invalid_grant', checked.reason);
    state.stats.refreshTokenReplays += 1;
    if (state.refreshTokenReuse === 'reject') return tokenError('invalid_grant', checked.reason);
    // RFC 9700 §4.14.2: a rotated-out refresh token presented again may be stolen; revoke the grant.
    state.tokens.revokeGrant(checked.replayed.id);
    return tokenError(
      'invalid_grant',
      'The refresh token was already used (it was rotated); every token of this grant is now revoked.',
    );
  }
  let scopes: readonly MockScope[] = checked.scopes;
  const scopeParam = params.get('scope');
  if (scopeParam !== null) {
    const parsed = parseScopeParam(scopeParam);
    if (
      !parsed.ok ||
      parsed.scopes.length === 0 ||
      parsed.scopes.some((scope) => !checked.scopes.includes(scope))
    ) {
      return tokenError('invalid_scope', 'A refresh may only narrow the originally granted scopes.');
    }
    scopes = parsed.scopes;
  }
  state.stats.refreshGrants += 1;
  if (state.rotateRefreshTokens) {
    state.tokens.retireRefreshToken(refreshToken);
    return success(state.tokens.issue(checked.grant, scopes));
  }
  return success(state.tokens.issue(checked.grant, scopes, refreshToken));
}

async function readParams(request: Request): Promise<URLSearchParams | Response> {
  if (request.method === 'GET') return new URL(request.url).searchParams;
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return tokenError('invalid_request', 'POST bodies must be application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await request.text());
}

async function handleToken(state: MockState, request: Request): Promise<Response> {
  const params = await readParams(request);
  if (params instanceof Response) return params;
  const repeated = SINGLE_PARAMS.find((name) => params.getAll(name).length > 1);
  if (repeated !== undefined) return tokenError('invalid_request', `The ${repeated} parameter is repeated.`);
  const auth = authenticateClient(state.clients, request.headers.get('authorization') ?? undefined, params);
  if (!auth.ok) {
    const status = auth.error === 'invalid_client' ? 401 : 400;
    const headers: Record<string, string> = auth.basic
      ? { 'www-authenticate': 'Basic realm="livepush"' }
      : {};
    return tokenError(auth.error, auth.description, status, headers);
  }
  const grantType = params.get('grant_type');
  if (grantType === null || grantType === '') return tokenError('invalid_request', 'grant_type is required.');
  if (grantType === 'authorization_code') return codeGrant(state, auth.client.clientId, params);
  if (grantType === 'refresh_token') return refreshGrant(state, auth.client.clientId, params);
  return tokenError('unsupported_grant_type', `grant_type "${grantType}" is not supported.`);
}

/**
 * The token endpoint: `GET` with every parameter in the query (Livepush's documented form) or
 * `POST` with a form body (RFC 6749's form).
 */
export function tokenRoutes(state: MockState): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.on(['GET', 'POST'], TOKEN_PATH, async (c) => {
    const response = await handleToken(state, c.req.raw);
    if (response.status !== 200) state.stats.tokenErrors += 1;
    return response;
  });
  app.all(TOKEN_PATH, () => {
    state.stats.tokenErrors += 1;
    return tokenError('invalid_request', 'The token endpoint accepts GET and POST only.', 405, {
      allow: 'GET, POST',
    });
  });
  return app;
}
