// The published packages and what their manifests must say. Shared by check-packages.mjs, the pack
// smoke test and the release script, so the rules live in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** The git repository every package points at (`repository.url`, `homepage`, `bugs`). */
export const REPOSITORY = 'https://github.com/livepush/livepush-auth';

export const NODE_ENGINE = '>=20.19';

/** Peer ranges the issue fixes; a package that peers on one of these must use exactly this range. */
export const PEER_RANGES = {
  react: '^18.2.0 || ^19.0.0',
  vue: '^3.3.0',
  'vue-router': '^4.2.0',
  '@sveltejs/kit': '^2.0.0',
  svelte: '^5.0.0',
  next: '^15.0.0 || ^16.0.0',
  nuxt: '^3.0.0 || ^4.0.0',
};

/**
 * dir → required peers. The core is a regular dependency of every adapter (see RELEASING.md:
 * the fixed group pins it to the same version), never a peer.
 */
export const PUBLISHED = [
  { dir: 'packages/core', name: '@livepush/auth-core', peers: [] },
  { dir: 'packages/react', name: '@livepush/auth-react', peers: ['react'] },
  {
    dir: 'packages/vue',
    name: '@livepush/auth-vue',
    peers: ['vue', 'vue-router'],
    optionalPeers: ['vue-router'],
  },
  { dir: 'packages/sveltekit', name: '@livepush/auth-sveltekit', peers: ['@sveltejs/kit', 'svelte'] },
  { dir: 'packages/next', name: '@livepush/auth-next', peers: ['next', 'react'] },
  { dir: 'packages/nuxt', name: '@livepush/auth-nuxt', peers: ['nuxt', 'vue'] },
  { dir: 'packages/redis', name: '@livepush/auth-redis', peers: [] },
  { dir: 'packages/mock-server', name: '@livepush/mock-server', peers: [] },
];

/** A package's package.json, in this checkout or in another copy of the repository (`root`). */
export function readManifest(dir, root = ROOT) {
  return JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
}
