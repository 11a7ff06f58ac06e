import type { MockClient } from './types';

/**
 * The client the mock registers when no `clients` option is given. Its secret is public on purpose:
 * it only ever works against this mock.
 */
export const DEFAULT_CLIENT = {
  clientId: 'livepush-demo-client',
  clientSecret: 'livepush-demo-secret-not-for-production',
  name: 'Livepush Auth Demo',
} as const satisfies Omit<MockClient, 'redirectUris'>;

/** A registered client as the server keeps it. */
export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** `'any-loopback'` is the default client's rule: any loopback http URI, any port. */
  redirectUris: readonly string[] | 'any-loopback';
}

/** Builds the client registry from the `clients` option. */
export function registerClients(clients: readonly MockClient[] | undefined): Map<string, RegisteredClient> {
  const registry = new Map<string, RegisteredClient>();
  if (clients === undefined || clients.length === 0) {
    registry.set(DEFAULT_CLIENT.clientId, { ...DEFAULT_CLIENT, redirectUris: 'any-loopback' });
    return registry;
  }
  for (const client of clients) {
    if (registry.has(client.clientId)) throw new Error(`Duplicate mock client id: ${client.clientId}`);
    for (const uri of client.redirectUris) {
      if (!URL.canParse(uri)) throw new Error(`Invalid redirect URI for ${client.clientId}: ${uri}`);
    }
    registry.set(client.clientId, {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      name: client.name ?? client.clientId,
      redirectUris: [...client.redirectUris],
    });
  }
  return registry;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A loopback `http` URI without a fragment (RFC 8252 §7.3). */
function loopback(uri: string): URL | undefined {
  if (!URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  if (url.hash !== '' || uri.includes('#')) return undefined;
  return url;
}

/**
 * Whether `redirectUri` is registered for `client`: exact string comparison (RFC 6749 §3.1.2.3),
 * except that loopback URIs may differ in port only (RFC 8252 §7.3, native apps pick a free port).
 */
export function isRedirectUriAllowed(client: RegisteredClient, redirectUri: string): boolean {
  if (client.redirectUris === 'any-loopback') return loopback(redirectUri) !== undefined;
  if (redirectUri.includes('#')) return false;
  const requested = loopback(redirectUri);
  return client.redirectUris.some((registered) => {
    if (registered === redirectUri) return true;
    const allowed = loopback(registered);
    if (allowed === undefined || requested === undefined) return false;
    return (
      allowed.hostname === requested.hostname &&
      allowed.pathname === requested.pathname &&
      allowed.search === requested.search &&
      allowed.username === requested.username &&
      allowed.password === requested.password
    );
  });
}
