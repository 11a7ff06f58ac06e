import { builtinEnvironments, type Environment } from 'vitest/runtime';

// happy-dom's fetch classes drop the headers a browser's network layer adds (Cookie, Origin) and
// its Response hides Set-Cookie. The tests play that network layer (see harness.ts: @livepush/test-support's Browser) and run the
// real server handler in-process, so they keep Node's fetch classes under happy-dom's DOM.
const NATIVE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'URL',
  'URLSearchParams',
  'FormData',
] as const;

export default {
  name: 'happy-dom-node-fetch',
  viteEnvironment: 'client',
  async setup(global, options) {
    const saved = Object.fromEntries(NATIVE.map((key) => [key, global[key]]));
    const env = await builtinEnvironments['happy-dom'].setup(global, options);
    for (const key of NATIVE) global[key] = saved[key];
    return env;
  },
} satisfies Environment;
