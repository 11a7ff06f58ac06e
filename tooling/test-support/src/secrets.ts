import type { MockLivepush } from '@livepush/mock-server';

/**
 * Finds secrets where they must never be: it learns the actual values (the client secret, every
 * access and refresh token Livepush hands out) and then searches any text for them — no guessing from
 * a token's shape.
 */
export interface SecretScanner {
  /** Every value learned so far. */
  readonly secrets: ReadonlySet<string>;
  /** Learns a value to look for. */
  add(secret: string): void;
  /**
   * A fetch for the server under test (its `fetch` option): passes through to the real fetch and
   * learns the tokens in each token response, and long values sent in a token request's query.
   */
  readonly fetch: typeof fetch;
  /** The learned values found in `texts`, each shortened to its first 8 characters (for the report). */
  leaks(...texts: readonly string[]): string[];
}

/** Status line, headers and body of a response, as text to scan (its body read from a clone). */
export async function responseText(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status} ${headers}\n${await response.clone().text()}`;
}

/** A {@link SecretScanner} that starts out knowing `known` (e.g. the client secret). */
export function secretScanner(known: readonly string[] = []): SecretScanner {
  const secrets = new Set(known);
  return {
    secrets,
    add: (secret) => void secrets.add(secret),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (url.pathname.endsWith('/access_token')) {
        for (const value of url.searchParams.values()) if (value.length > 20) secrets.add(value);
        const body = (await response
          .clone()
          .json()
          .catch(() => ({}))) as Record<string, unknown>;
        for (const key of ['access_token', 'refresh_token']) {
          if (typeof body[key] === 'string') secrets.add(body[key]);
        }
      }
      return response;
    },
    leaks: (...texts) => {
      const haystack = texts.join('\n');
      return [...secrets].filter((secret) => haystack.includes(secret)).map((s) => `${s.slice(0, 8)}…`);
    },
  };
}

/**
 * The tokens `mock` has issued so far that appear in `texts`, each shortened to its first 8 characters:
 * `expect(tokenLeaks(mock, body)).toEqual([])` names what leaked, where a loop of `not.toContain` stops
 * at the first.
 */
export function tokenLeaks(mock: Pick<MockLivepush, 'issuedTokens'>, ...texts: readonly string[]): string[] {
  return secretScanner(Object.values(mock.issuedTokens()).flat()).leaks(...texts);
}
