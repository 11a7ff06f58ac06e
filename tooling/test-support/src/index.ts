/**
 * `@livepush/test-support`: the SDK's own test helpers, one copy each (private, never published).
 * Everything drives the real parts: handlers with real `Request`s, the mock Livepush over loopback
 * HTTP, a real `redis-server`.
 *
 * @packageDocumentation
 */
export { APP_ORIGIN, type App, Browser, type BrowserOptions } from './browser';
export { TOKEN_COOKIE, tokenCookie } from './cookies';
export { authOptions, LATER_SCOPES, SECRET, startMock } from './mock';
export { type Started, type StartProcessOptions, startProcess } from './processes';
export {
  type RedisCluster,
  type RedisClusterNode,
  type RedisClusterOptions,
  startRedisCluster,
} from './redis-cluster';
export { commandCalls } from './redis-process';
export { type RedisSentinel, type SentinelNode, startRedisSentinel } from './redis-sentinel';
export { type RedisServer, startRedisServer } from './redis-server';
export { responseText, type SecretScanner, secretScanner, tokenLeaks } from './secrets';
export { type ServedApp, serve } from './serve';
