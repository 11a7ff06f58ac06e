import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BROWSER_BUNDLE } from '../../size-limit.shared';
import type { BenchContext, BenchResult } from './benchmark';
import { num } from './stats';
import type { Table } from './table';

/** The bench package root (this file runs from src/ under vitest and from dist/ when bundled). */
const ROOT = new URL('..', import.meta.url);

export interface SizeCase {
  framework: 'React' | 'Next.js' | 'Vue' | 'SvelteKit';
  library: string;
  /** What the minimal app imports: bundled alone, this is the app's auth code. */
  from: string;
  imports: readonly string[];
  /** The minimal app in bench/apps/: the same screen written with each library. */
  app: string;
  ours?: boolean;
}

export const CASES: SizeCase[] = [
  {
    framework: 'React',
    library: '@livepush/auth-react',
    from: '@livepush/auth-react',
    imports: ['LivepushAuthProvider', 'useLivepushAuth'],
    app: 'react-livepush.tsx',
    ours: true,
  },
  {
    framework: 'React',
    library: 'next-auth/react',
    from: 'next-auth/react',
    imports: ['SessionProvider', 'useSession', 'signIn', 'signOut'],
    app: 'react-next-auth.tsx',
  },
  {
    framework: 'React',
    library: '@auth0/auth0-react',
    from: '@auth0/auth0-react',
    imports: ['Auth0Provider', 'useAuth0'],
    app: 'react-auth0.tsx',
  },
  {
    framework: 'React',
    library: 'react-oidc-context (+ oidc-client-ts)',
    from: 'react-oidc-context',
    imports: ['AuthProvider', 'useAuth'],
    app: 'react-oidc-context.tsx',
  },
  {
    framework: 'Next.js',
    library: '@livepush/auth-next/client',
    from: '@livepush/auth-next/client',
    imports: ['LivepushAuthProvider', 'useLivepushAuth'],
    app: 'next-livepush.tsx',
    ours: true,
  },
  {
    framework: 'Next.js',
    library: 'next-auth/react',
    from: 'next-auth/react',
    imports: ['SessionProvider', 'useSession', 'signIn', 'signOut'],
    app: 'next-next-auth.tsx',
  },
  {
    framework: 'Vue',
    library: '@livepush/auth-vue',
    from: '@livepush/auth-vue',
    imports: ['createLivepush', 'useLivepush'],
    app: 'vue-livepush.ts',
    ours: true,
  },
  {
    framework: 'Vue',
    library: '@auth0/auth0-vue',
    from: '@auth0/auth0-vue',
    imports: ['createAuth0', 'useAuth0'],
    app: 'vue-auth0.ts',
  },
  {
    framework: 'Vue',
    library: 'better-auth/vue',
    from: 'better-auth/vue',
    imports: ['createAuthClient'],
    app: 'vue-better-auth.ts',
  },
  {
    framework: 'SvelteKit',
    library: '@livepush/auth-core/client',
    from: '@livepush/auth-core/client',
    imports: ['createAuthClient'],
    app: 'sveltekit-livepush.ts',
    ours: true,
  },
  {
    framework: 'SvelteKit',
    library: '@auth/sveltekit/client',
    from: '@auth/sveltekit/client',
    imports: ['signIn', 'signOut'],
    app: 'sveltekit-authjs.ts',
  },
];

/** The framework stays external: only the auth code (and the few lines of app) is counted. */
const FRAMEWORK = [
  'next',
  'next/*',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'vue',
  'svelte',
  'svelte/*',
  '@sveltejs/kit',
  '$app/*',
];

/** Minified and min+gzip (level 9) byte counts. */
export interface Size {
  minified: number;
  gzip: number;
}

/**
 * Min+gzip (level 9) of a case's auth code (its imports alone) or of a minimal app file, bundled as the
 * packages' size-limit budgets are (`BROWSER_BUNDLE`), the framework external.
 */
export async function measure(entry: string | Pick<SizeCase, 'from' | 'imports'>): Promise<Size> {
  const resolveDir = new URL('.', ROOT).pathname;
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [new URL(`apps/${entry}`, ROOT).pathname] }
      : {
          stdin: {
            contents: `export { ${entry.imports.join(', ')} } from '${entry.from}';`,
            resolveDir,
            loader: 'ts' as const,
          },
        }),
    ...BROWSER_BUNDLE,
    absWorkingDir: resolveDir,
    external: FRAMEWORK,
    write: false,
    logLevel: 'silent',
  });
  const bytes = Buffer.concat(result.outputFiles.map((file) => file.contents));
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The auth code (imports alone) and the whole minimal app of every case, in order. */
export function measureAll(): Promise<{ auth: Size; app: Size }[]> {
  return Promise.all(CASES.map(async (c) => ({ auth: await measure(c), app: await measure(c.app) })));
}

/** 2. Browser bundle size: the same minimal app with each library, min+gzip, framework external. */
export async function bundleSize({ progress }: BenchContext): Promise<BenchResult> {
  progress('bundle-size: bundling the minimal apps with esbuild');
  const sizes = await measureAll();
  const frameworks = [...new Set(CASES.map((c) => c.framework))];
  const tables: Table[] = frameworks.map((framework) => {
    const cases = CASES.map((c, i) => ({ ...c, size: sizes[i]! })).filter((c) => c.framework === framework);
    const ours = cases.find((c) => c.ours)!;
    const external =
      framework === 'SvelteKit'
        ? 'svelte, @sveltejs/kit'
        : framework === 'Next.js'
          ? 'react, next'
          : framework.toLowerCase();
    return {
      title: `2. Browser bundle size, ${framework} (bytes, min+gzip; lower is better)`,
      columns: ['library', 'auth code min', 'auth code gzip', '÷ ours', 'whole app gzip'],
      rows: cases.map((c) => [
        c.library,
        num(c.size.auth.minified),
        num(c.size.auth.gzip),
        c.ours ? '1×' : `${num(c.size.auth.gzip / ours.size.auth.gzip)}×`,
        num(c.size.app.gzip),
      ]),
      notes: [
        ...(framework === 'Next.js'
          ? [
              "the Next.js demo's client auth code: its Client Components' provider (given the server's session) and hook; signing in and out can also be Server Actions, which ship no auth code.",
            ]
          : []),
        `auth code = only what the minimal app imports (e.g. \`export { ${ours.imports.join(', ')} } from '${ours.from}'\`); whole app = bench/apps/${ours.app} and its counterparts, ${framework === 'SvelteKit' ? 'the browser part of a SvelteKit page (sign in and out buttons)' : 'the same screen written with each library (provider, loading, user name, sign in, sign out)'}.`,
        `esbuild --bundle --minify, ESM, browser, es2022, NODE_ENV=production, ${external} external, gzip -9; deterministic, one run.`,
        ...(framework === 'SvelteKit'
          ? [
              'with the form actions of @livepush/auth-sveltekit (signInAction/signOutAction) the browser ships no auth code at all.',
            ]
          : []),
      ],
    };
  });
  return { tables, failures: [] };
}
