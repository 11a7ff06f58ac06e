import type { RegisteredClient } from '../clients';

/** The outcome of client authentication at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthResult =
  | { ok: true; client: RegisteredClient }
  | { ok: false; error: 'invalid_client' | 'invalid_request'; description: string; basic: boolean };

/** `application/x-www-form-urlencoded` decoding, as RFC 6749 §2.3.1 requires for Basic credentials. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? undefined : { id, secret };
}

/**
 * Authenticates the client with HTTP Basic or with `client_id` + `client_secret` parameters, never
 * both (RFC 6749 §2.3: one method per request).
 */
export function authenticateClient(
  clients: ReadonlyMap<string, RegisteredClient>,
  authorization: string | undefined,
  params: URLSearchParams,
): ClientAuthResult {
  const paramId = params.get('client_id');
  const paramSecret = params.get('client_secret');
  if (authorization !== undefined && authorization !== '') {
    const basic = parseBasic(authorization);
    if (basic === undefined) {
      return {
        ok: false,
        error: 'invalid_client',
        description: 'Malformed Basic authorization header.',
        basic: true,
      };
    }
    if (paramSecret !== null) {
      return {
        ok: false,
        error: 'invalid_request',
        description: 'Use one client authentication method: Basic or client_secret, not both.',
        basic: true,
      };
    }
    if (paramId !== null && paramId !== basic.id) {
      return {
        ok: false,
        error: 'invalid_request',
        description: 'client_id differs from the Basic credentials.',
        basic: true,
      };
    }
    return check(clients, basic.id, basic.secret, true);
  }
  if (paramId === null || paramId === '' || paramSecret === null) {
    return {
      ok: false,
      error: 'invalid_client',
      description: 'Client authentication is required: client_id and client_secret, or HTTP Basic.',
      basic: false,
    };
  }
  return check(clients, paramId, paramSecret, false);
}

function check(
  clients: ReadonlyMap<string, RegisteredClient>,
  id: string,
  secret: string,
  basic: boolean,
): ClientAuthResult {
  const client = clients.get(id);
  if (client === undefined || client.clientSecret !== secret) {
    return {
      ok: false,
      error: 'invalid_client',
      description: 'Unknown client or wrong client secret.',
      basic,
    };
  }
  return { ok: true, client };
}
