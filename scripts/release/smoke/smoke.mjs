// Runs in a fresh app where the packages were installed by name and version from a registry (not the
// workspace): proves that what `changeset publish` uploads installs, resolves and works on plain Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

// `@livepush/auth-sveltekit` imports SvelteKit's virtual `$app/environment`, which only an app's Vite
// build provides: stand it in so that the entry can be evaluated here (and resolve `next/server` & co. as
// Next.js' bundlers do, for `@livepush/auth-next`).
register('./app-environment-hook.mjs', import.meta.url);

const { LivepushAuthError, hasScopes } = await import('@livepush/auth-core');
const { createLivepushAuth } = await import('@livepush/auth-core/server');
const { DEFAULT_CLIENT, startMockLivepush } = await import('@livepush/mock-server');
const { mockEndpoints } = await import('@livepush/mock-server/endpoints');

const APP = 'http://127.0.0.1:3000';
let session;
const mock = await startMockLivepush({ consent: 'approve' });
try {
  const auth = createLivepushAuth({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${APP}/auth/callback`,
    secret: 'a-release-smoke-secret-of-at-least-32-characters',
    scopes: ['profile.read', 'streams.read'],
    endpoints: mock.endpoints,
    logger: { debug() {}, warn() {}, error() {} },
  });

  // A tiny cookie jar and a browser that follows redirects between the app (in-process) and the mock.
  const jar = new Map();
  const app = async (path) => {
    const headers = new Headers();
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await auth.handler(new Request(new URL(path, APP), { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0(;|$)/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };

  assert.deepEqual(await (await app('/auth/session')).json(), { authenticated: false });

  let url = new URL('/auth/login?returnTo=/dashboard', APP);
  for (let hop = 0; url.origin !== APP || url.pathname.startsWith('/auth/'); hop++) {
    assert.ok(hop < 10, 'too many redirects');
    assert.ok(url.hostname === '127.0.0.1', `left loopback: ${url}`);
    const response =
      url.origin === APP ? await app(url.pathname + url.search) : await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    assert.ok(location, `${url.pathname} answered ${response.status} without a redirect`);
    url = new URL(location, url);
  }
  assert.equal(url.toString(), `${APP}/dashboard`);

  session = await (await app('/auth/session')).json();
  assert.equal(session.authenticated, true);
  assert.deepEqual(session.scopes, ['profile.read', 'streams.read']);
  assert.ok(session.expiresAt > Date.now());
  assert.ok(session.user?.name, 'the session has the user');
  assert.ok(hasScopes(session.scopes, ['streams.read']));
  assert.equal(typeof LivepushAuthError, 'function');
  assert.equal(mock.stats().codeGrants, 1);
  assert.deepEqual(mockEndpoints(mock.url), mock.endpoints);
} finally {
  await mock.close();
}

// The framework entries resolve to the published dist and work with the registry's React and Vue: each
// renders the session from the sign-in above on the server (initialSession, no request).
const react = await import('@livepush/auth-react');
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
function ReactGreeting() {
  const { isAuthenticated, user, scopes } = react.useLivepushAuth();
  return createElement('p', null, isAuthenticated ? `${user?.name} · ${scopes.join(' ')}` : 'signed out');
}
const reactHtml = renderToString(
  createElement(react.LivepushAuthProvider, { initialSession: session }, createElement(ReactGreeting)),
);
assert.equal(reactHtml, `<p>${session.user.name} · profile.read streams.read</p>`);

const vue = await import('@livepush/auth-vue');
const { createSSRApp, h } = await import('vue');
const { renderToString: renderVue } = await import('vue/server-renderer');
const VueGreeting = {
  setup() {
    const { isAuthenticated, user, scopes } = vue.useLivepush();
    return () =>
      h('p', isAuthenticated.value ? `${user.value?.name} · ${scopes.value.join(' ')}` : 'signed out');
  },
};
const vueHtml = await renderVue(
  createSSRApp(VueGreeting).use(vue.createLivepush({ initialSession: session })),
);
assert.equal(vueHtml, `<p>${session.user.name} · profile.read streams.read</p>`);
const router = await import('@livepush/auth-vue/router');
assert.equal(typeof router.createLivepushGuard, 'function');
const kit = await import('@livepush/auth-sveltekit');
assert.equal(typeof kit.createLivepushHandle, 'function');
const next = await import('@livepush/auth-next');
const livepushNext = next.createLivepushNext({
  clientId: DEFAULT_CLIENT.clientId,
  clientSecret: DEFAULT_CLIENT.clientSecret,
  redirectUri: `${APP}/auth/callback`,
  secret: 'a-release-smoke-secret-of-at-least-32-characters',
});
const nextSession = await livepushNext.handlers.GET(new Request(`${APP}/auth/session`));
assert.deepEqual(await nextSession.json(), { authenticated: false });
const nextClient = await import('@livepush/auth-next/client');
const nextHtml = renderToString(
  createElement(
    nextClient.LivepushAuthProvider,
    { initialSession: session },
    createElement(function NextGreeting() {
      const { isAuthenticated, user } = nextClient.useLivepushAuth();
      return createElement('p', null, isAuthenticated ? user?.name : 'signed out');
    }),
  ),
);
assert.equal(nextHtml, `<p>${session.user.name}</p>`);
const kitClient = await import('@livepush/auth-sveltekit/client');
assert.equal(typeof kitClient.livepushSession, 'function');
// The Nuxt module (loaded by Nuxt at build time) and its server utilities (bundled by Nitro).
const nuxtModule = (await import('@livepush/auth-nuxt')).default;
assert.deepEqual(await nuxtModule.getMeta(), {
  name: '@livepush/auth-nuxt',
  configKey: 'livepush',
  compatibility: { nuxt: '^3.0.0 || ^4.0.0' },
});
const nuxtServer = await import('@livepush/auth-nuxt/server');
for (const name of ['getLivepushSession', 'requireLivepushSession', 'useLivepushApi'])
  assert.equal(typeof nuxtServer[name], 'function', name);
const redis = await import('@livepush/auth-redis');
assert.equal(typeof redis.createRedisStore, 'function');
const client = await import('@livepush/auth-core/client');
assert.equal(typeof client.createAuthClient, 'function');
const node = await import('@livepush/auth-core/node');
assert.equal(typeof node.toNodeHandler, 'function');

// One copy of the core: every installed @livepush package that depends on it resolves the same file.
const require = createRequire(import.meta.url);
const app = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
const dependants = Object.keys(app.dependencies).filter((name) => {
  if (!name.startsWith('@livepush/')) return false;
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  return Boolean(manifest.dependencies?.['@livepush/auth-core']);
});
assert.ok(dependants.length >= 4, `only ${dependants.join(', ')} depend on the core`);
const corePaths = new Set(
  dependants.map((name) =>
    createRequire(require.resolve(`${name}/package.json`)).resolve('@livepush/auth-core/package.json'),
  ),
);
corePaths.add(require.resolve('@livepush/auth-core/package.json'));
assert.equal(corePaths.size, 1, `more than one @livepush/auth-core: ${[...corePaths].join(', ')}`);
const { version } = JSON.parse(readFileSync([...corePaths][0], 'utf8'));
console.log(
  `smoke: sign-in through the installed core + mock; React, Vue and Next.js server renders of that session; 16 entries imported; one core (${version})`,
);
