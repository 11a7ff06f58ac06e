import type { LivepushApiName } from '../scopes';

/**
 * The Livepush API that serves a documented path: `/account…` paths belong to the Accounts API
 * (`squid`), everything else to the Streams API (`octopus`). The browser store uses it to route
 * `fetch('/streams/mine')` through `{basePath}/api/streams/streams/mine`.
 *
 * @example apiForPath('/account/this') // 'accounts'
 */
export function apiForPath(path: string): LivepushApiName {
  return path.startsWith('/account') ? 'accounts' : 'streams';
}
