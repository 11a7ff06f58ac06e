/**
 * The Livepush API servers the SDK calls: `accounts` (Accounts & Billing, `squid`), `streams` (Core
 * Streams & Media, `octopus`) and `vod` (VOD import, `vod-web-import-api`).
 */
export type LivepushApiName = 'accounts' | 'streams' | 'vod';

/**
 * The Livepush API that serves a documented path: `/account…` paths belong to the Accounts API
 * (`squid`), `/inspector…` to the VOD import API, everything else to the Streams API (`octopus`).
 * The browser store's `fetch` uses it to send `/streams/mine` through
 * `{basePath}/api/streams/streams/mine`.
 *
 * @example apiForPath('/account/this') // 'accounts'
 * @internal
 */
export function apiForPath(path: string): LivepushApiName {
  if (path.startsWith('/account')) return 'accounts';
  return path.startsWith('/inspector') ? 'vod' : 'streams';
}
