import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { isRedirectUriAllowed } from '../clients';
import { parseScopeParam } from '../scopes';
import type { MockState } from '../state';
import { consentPage, DECISION_PATH } from './consent-page';
import { authorizeErrorPage, redirectError, redirectWith } from './errors';
import type { PendingAuthorization } from './pending';

/** An S256 challenge is the base64url SHA-256 of the verifier: always 43 characters (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Parameters that must not repeat (RFC 6749 §3.1). */
const SINGLE_PARAMS = ['response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method'];

type Validated =
  | { ok: true; request: Omit<PendingAuthorization, 'id' | 'expiresAt'> }
  | { ok: false; response: Response };

/** Validates an authorization request in RFC 6749 §4.1.2.1 order: redirect URI first, then the rest. */
function validateAuthorizeRequest(state: MockState, query: URLSearchParams): Validated {
  const fail = (response: Response): Validated => ({ ok: false, response });
  const clientIds = query.getAll('client_id');
  if (clientIds.length !== 1 || clientIds[0] === '') {
    return fail(authorizeErrorPage('invalid_request', 'The request must carry exactly one client_id.'));
  }
  const client = state.clients.get(clientIds[0]!);
  if (client === undefined) {
    return fail(
      authorizeErrorPage('invalid_client', `No application is registered with client_id "${clientIds[0]}".`),
    );
  }
  const redirectUris = query.getAll('redirect_uri');
  if (redirectUris.length !== 1 || redirectUris[0] === '') {
    return fail(authorizeErrorPage('invalid_request', 'The request must carry exactly one redirect_uri.'));
  }
  const redirectUri = redirectUris[0]!;
  if (!isRedirectUriAllowed(client, redirectUri)) {
    return fail(
      authorizeErrorPage(
        'invalid_request',
        `The redirect_uri "${redirectUri}" is not registered for ${client.name}.`,
      ),
    );
  }
  const stateParam = query.get('state') ?? undefined;
  const error = (code: string, description: string) =>
    fail(redirectError(redirectUri, code, description, stateParam, state.issuerParameter));
  const repeated = SINGLE_PARAMS.find((name) => query.getAll(name).length > 1);
  if (repeated !== undefined) return error('invalid_request', `The ${repeated} parameter is repeated.`);
  const responseType = query.get('response_type');
  if (responseType === null || responseType === '')
    return error('invalid_request', 'response_type is required.');
  if (responseType !== 'code') {
    return error('unsupported_response_type', `Only response_type=code is supported, not "${responseType}".`);
  }
  const scope = query.get('scope');
  const parsed = parseScopeParam(scope ?? '');
  if (!parsed.ok) return error('invalid_scope', `Unknown scope: ${parsed.unknown.join(', ')}.`);
  if (parsed.scopes.length === 0) return error('invalid_scope', 'At least one scope is required.');
  const challenge = query.get('code_challenge');
  const method = query.get('code_challenge_method');
  if (challenge === null && method !== null) {
    return error('invalid_request', 'code_challenge_method was sent without code_challenge.');
  }
  if (challenge !== null) {
    if (method !== 'S256') {
      return error(
        'invalid_request',
        `Only code_challenge_method=S256 is supported, not "${method ?? 'plain'}".`,
      );
    }
    if (!S256_CHALLENGE.test(challenge)) {
      return error('invalid_request', 'code_challenge must be 43 base64url characters (S256).');
    }
  }
  return {
    ok: true,
    request: {
      clientId: client.clientId,
      redirectUri,
      scopes: parsed.scopes,
      state: stateParam,
      codeChallenge: challenge ?? undefined,
    },
  };
}

/** Mints a code for an approved request and sends the user back with it. */
function approve(state: MockState, request: Omit<PendingAuthorization, 'id' | 'expiresAt'>): Response {
  const { code } = state.codes.create(
    {
      clientId: request.clientId,
      userId: state.user.id,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge,
    },
    state.now(),
    state.codeTtlSeconds,
  );
  return redirectWith(request.redirectUri, { code }, request.state, state.issuerParameter);
}

function deny(state: MockState, request: Omit<PendingAuthorization, 'id' | 'expiresAt'>): Response {
  return redirectError(
    request.redirectUri,
    'access_denied',
    'The user denied the authorization request.',
    request.state,
    state.issuerParameter,
  );
}

/** `GET /oauth2/authorize` and the consent decision it may lead to. */
export function authorizeRoutes(state: MockState): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.get('/oauth2/authorize', (c) => {
    const validated = validateAuthorizeRequest(state, new URL(c.req.url).searchParams);
    if (!validated.ok) return validated.response;
    const { request } = validated;
    if (state.consent === 'approve') return approve(state, request);
    if (state.consent === 'deny') return deny(state, request);
    const pending = state.pending.create(request, state.now());
    const user = state.user;
    return consentPage({
      appName: state.clients.get(request.clientId)!.name,
      user,
      pending,
      ownAvatar: user.avatar === `${state.url}/avatars/${user.id}.svg`,
    });
  });

  app.post(DECISION_PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const decision = form.get('decision');
    if (decision !== 'approve' && decision !== 'deny') {
      return authorizeErrorPage('invalid_request', 'The decision must be "approve" or "deny".');
    }
    const pending = state.pending.take(form.get('request_id') ?? '', state.now());
    if (pending === undefined) {
      return authorizeErrorPage(
        'invalid_request',
        'This consent request is unknown, has expired or was already answered. Start signing in again from the application.',
      );
    }
    state.stats.consentDecisions += 1;
    return decision === 'approve' ? approve(state, pending) : deny(state, pending);
  });

  return app;
}
