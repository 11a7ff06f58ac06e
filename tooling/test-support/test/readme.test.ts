import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, readmeBlocks, readmes, undeclaredNames } from '../src/readme';

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
