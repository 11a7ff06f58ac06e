import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, readmeBlocks, undeclaredNames } from '../src/readme';

// Every README of the repository, block by block (the one README checker; see src/readme.ts).
const blocks = readmeBlocks();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('README code blocks are compiled', () => {
  it('finds the READMEs and their blocks', () => expect(blocks.length).toBeGreaterThan(20));

  for (const block of blocks) {
    it(`${block.where} (${block.lang})`, () => {
      if (block.notCompiled) return expect(block.notCompiled).toMatch(/\w{3,}/);
      expect(
        block.compiledIn,
        'not found verbatim in any typechecked file: move it into examples/ or mark it <!-- not-compiled: reason -->',
      ).toBeDefined();
    });
  }
});

describe('README code blocks compile as pasted', () => {
  it('every ts/tsx/js block declares or imports every name it uses (a new file, DOM and Node globals only)', () => {
    const undeclared = undeclaredNames(blocks);
    expect(Object.fromEntries(undeclared)).toEqual({});
  });

  it('the check sees a name a block uses without declaring it', () => {
    const block = {
      where: 'X.md:1',
      lang: 'ts',
      code: 'const auth = createLivepushAuth({ secret: env.SECRET });',
    };
    const declared = {
      where: 'Y.md:1',
      lang: 'ts',
      code: "import { createLivepushAuth } from 'x';\nconst env = process.env;\ncreateLivepushAuth({ secret: env.SECRET, el: document.body });",
    };
    expect(Object.fromEntries(undeclaredNames([block, declared]))).toEqual({
      'X.md:1': ['createLivepushAuth', 'env'],
    });
  });
});

describe('package READMEs', () => {
  it('the Vue README shows each of its example files (readme-* files hold snippets) and the install line', () => {
    const shown = new Set(blocks.map((block) => block.example));
    const examples = readdirSync(join(ROOT, 'packages/vue/examples'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('readme-'))
      .map((entry) => relative(join(ROOT, 'packages/vue/examples'), join(entry.parentPath, entry.name)));
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.filter((name) => !shown.has(join(ROOT, 'packages/vue/examples', name)))).toEqual([]);
    expect(read('packages/vue/README.md')).toContain('npm install @livepush/auth-vue @livepush/auth-core');
  });

  it('the React and Redis READMEs show their main example', () => {
    const shown = new Set(blocks.map((block) => block.example));
    expect(shown).toContain(join(ROOT, 'packages/react/examples/app.tsx'));
    expect(shown).toContain(join(ROOT, 'packages/redis/examples/server.ts'));
  });
});

/** Every link target of a markdown text: inline, reference and `href`; root paths (a page's own links in code) left out. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)|\bhref="([^"]+)"|^\[[^\]]+\]:\s*(\S+)/gm)]
    .map((match) => match[1] ?? match[2] ?? match[3] ?? '')
    .filter((target) => !target.startsWith('/'));
}

describe('package READMEs as npm shows them (issue 22)', () => {
  it('the link check finds relative links of each form', () => {
    const markdown =
      '[a](../core#server) [b](./examples/x.ts) <a href="../../apps/x">c</a>\n[d]: docs/y.md\n[e](#own) [f](https://x.test/) `href="/auth/login"`';
    expect(linkTargets(markdown)).toEqual([
      '../core#server',
      './examples/x.ts',
      '../../apps/x',
      'docs/y.md',
      '#own',
      'https://x.test/',
    ]);
  });

  const packages = readdirSync(join(ROOT, 'packages')).filter((name) =>
    existsSync(join(ROOT, 'packages', name, 'package.json')),
  );
  const manifest = (name: string) =>
    JSON.parse(read(`packages/${name}/package.json`)) as {
      private?: boolean;
      homepage?: string;
      repository?: { url: string };
    };
  const published = packages.filter((name) => !manifest(name).private);

  it('every published package has a README', () => {
    expect(published.length).toBeGreaterThanOrEqual(8);
    expect(published.filter((name) => !existsSync(join(ROOT, 'packages', name, 'README.md')))).toEqual([]);
  });

  it.each(published)('%s: says ESM only and shows the tsconfig it needs', (name) => {
    const readme = read(`packages/${name}/README.md`);
    expect(readme).toContain('**ESM only**');
    expect(readme).toMatch(/"moduleResolution": "bundler"/);
    expect(readme).toMatch(
      /\{ "compilerOptions": \{ "module": "nodenext", "moduleResolution": "nodenext" \} \}/,
    );
  });

  it.each(published)(
    '%s: links only to absolute URLs of its repository (npm has no other files) or to its own headings',
    (name) => {
      const readme = read(`packages/${name}/README.md`);
      const repository = manifest(name)
        .repository!.url.replace(/^git\+/, '')
        .replace(/\.git$/, '');
      expect(manifest(name).homepage).toContain(repository);
      const links = linkTargets(readme);
      const relative = links.filter((target) => !/^(https?:|#|mailto:)/.test(target));
      expect(relative).toEqual([]);
      const ownRepository = links.filter((target) => target.includes('github.com/livepush/'));
      expect(
        ownRepository.filter((target) => !target.startsWith(`${repository}/`) && target !== repository),
      ).toEqual([]);
    },
  );

  it.each(published)('%s: one package manager in install commands (npm)', (name) => {
    const readme = read(`packages/${name}/README.md`);
    expect(readme).toMatch(/^npm install /m);
    expect(readme.match(/\b(pnpm add|pnpm install|yarn add|bun add|pnpm i)\b.*/g) ?? []).toEqual([]);
  });

  it.each(published)(
    '%s: a short "Run it locally against the mock" section (the bin by its package name, mockEndpoints)',
    (name) => {
      const readme = read(`packages/${name}/README.md`);
      const section =
        /^#{2,3} Run it locally against the mock\n([\s\S]*?)(?=^#{2,3} )/m.exec(readme)?.[1] ?? '';
      expect(section).toContain('npx -p @livepush/mock-server livepush-mock-server');
      expect(section).toMatch(/mockEndpoints\(|LIVEPUSH_MOCK_URL/);
    },
  );

  it('the root README leads with installing the packages in your own app, before the monorepo demo', () => {
    const root = read('README.md');
    const install = root.indexOf('## Install in your app');
    const demo = root.indexOf('npm run demo');
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(demo);
    expect(root.slice(install, demo)).toMatch(/npm install @livepush\/auth-react/);
    expect(root.match(/\b(pnpm add|yarn add|bun add)\b.*/g) ?? []).toEqual([]);
  });
});

describe('the mock bin is run by its package name', () => {
  it('no doc, script or example runs the bin through npx by its bare name (an unscoped package that is not ours)', () => {
    const excluded = ['**/node_modules', '**/dist', '**/build', '**/.*'];
    const files = ts.sys.readDirectory(
      ROOT,
      ['.md', '.ts', '.tsx', '.mjs', '.js', '.svelte', '.vue', '.json', '.yml'],
      excluded,
    );
    expect(files.length).toBeGreaterThan(100);
    const unscoped = new RegExp(`\\bnpx\\s+${'livepush-mock-server'}\\b`);
    const offenders = files.filter((file) => unscoped.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => file.slice(ROOT.length + 1))).toEqual([]);
  });
});
