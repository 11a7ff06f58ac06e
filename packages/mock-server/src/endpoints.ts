/**
 * `@livepush/mock-server/endpoints`: where a mock Livepush serves what, for an app pointed at a mock
 * that runs elsewhere (the bin on port 4010, a demo's). No dependencies and no server code: an app may
 * import it in its own server code and load nothing of the mock.
 *
 * @packageDocumentation
 */
import type { MockEndpoints } from './types';

export { DEFAULT_CLIENT } from './clients';
export type { MockEndpoints } from './types';

/** The token endpoint path, as documented. */
export const TOKEN_PATH = '/oauth2/access_token';

/**
 * The endpoints of a mock Livepush at `url` (the URL the bin prints, e.g. `http://127.0.0.1:4010`), in
 * the shape of the SDK's `endpoints` option.
 *
 * @throws {TypeError} when `url` is not an http(s) URL (e.g. an unset or scheme-less variable).
 * @example
 * ```ts
 * createLivepushAuth({
 *   ...options,
 *   endpoints: process.env.LIVEPUSH_MOCK_URL ? mockEndpoints(process.env.LIVEPUSH_MOCK_URL) : undefined,
 * })
 * ```
 */
export function mockEndpoints(url: string): MockEndpoints {
  const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError(
      `mockEndpoints(url) takes the mock's URL, as the bin prints it (e.g. "http://127.0.0.1:4010"); got ${JSON.stringify(String(url).slice(0, 100))}.`,
    );
  }
  const base = url.replace(/\/+$/, '');
  return {
    authorize: `${base}/oauth2/authorize`,
    token: `${base}${TOKEN_PATH}`,
    accountsApi: `${base}/squid`,
    streamsApi: `${base}/octopus`,
    vodImportApi: `${base}/vod`,
    issuer: base,
  };
}
