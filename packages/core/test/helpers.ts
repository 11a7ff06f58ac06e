import type { FetchLike } from '../src/protocol';
import { createOAuthClient, type OAuthClient, type OAuthClientOptions } from '../src/protocol/index';

/** A recorded request made through an injected fetch (unit tests of pure protocol code only). */
export interface Recorded {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
}

/** A fetch double that records every request and answers from `reply`. */
export function recordingFetch(reply: (request: Recorded) => Response | Promise<Response>) {
  const requests: Recorded[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const recorded = {
      url: new URL(request.url),
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    };
    requests.push(recorded);
    return reply(recorded);
  };
  return { fetch, requests };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A test client with a fixed clock. */
export function testClient(overrides: Partial<OAuthClientOptions> = {}): OAuthClient {
  return createOAuthClient({
    clientId: 'client-123',
    clientSecret: 'super-secret-value-123',
    redirectUri: 'http://127.0.0.1:3000/auth/callback',
    endpoints: {
      authorize: 'https://id.example.test/oauth2/authorize',
      token: 'https://tokens.example.test/oauth2/access_token',
      accountsApi: 'https://squid.example.test',
      streamsApi: 'https://octopus.example.test',
    },
    now: () => 1_700_000_000_000,
    ...overrides,
  });
}

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
