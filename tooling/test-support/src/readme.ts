// README code blocks are compiled, so the docs cannot rot: each fenced ts/tsx/js/jsx/svelte/vue block of a
// README must appear verbatim (whitespace-normalised; comment-only and one-line `declare` lines aside) in a
// file that some workspace package's `typecheck` script compiles (the tsconfig files it passes to tsc,
// vue-tsc or svelte-check, as TypeScript reads them), or be marked on the line before its fence:
//
//   <!-- not-compiled: why this block cannot be compiled -->
//
// A block marked `<!-- examples/NAME … -->` shows that example file exactly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const CHECKED = new Set([
  'ts',
  'tsx',
  'typescript',
  'mts',
  'js',
  'jsx',
  'javascript',
  'mjs',
  'svelte',
  'vue',
]);
const NOT_COMPILED = /^<!--\s*not-compiled:\s*(\S.*?)\s*-->$/;
const EXAMPLE = /^<!--\s*(examples\/\S+)/;
const WORKSPACES = ['packages', 'apps', 'tooling'];

/** One checked code block of a README. */
export interface ReadmeBlock {
  /** `README path:line` of its opening fence, from the repository root. */
  where: string;
  lang: string;
  code: string;
  /** Why it is not compiled (its `not-compiled` marker), if marked. */
  notCompiled?: string;
  /** The example file it shows (its `examples/NAME` marker), as an absolute path. */
  example?: string;
  /** The typechecked file that holds it, if any. */
  compiledIn?: string;
}

/**
 * Whitespace-normalised code. Lines that are only a comment, and one-line `declare` statements (an example
 * file's scaffolding, e.g. `declare const env: Record<string, string>;`), are dropped on both sides, so a
 * README block may leave them out; every other line must match, in order and contiguously.
 */
export function normalise(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^(\/\/|\/\*|\*|<!--.*-->$)/.test(line))
    .filter((line) => !/^declare (const|let|var|function) .*;$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fenced code blocks: line (1-based, of the opening fence), language, code and the line before the fence. */
export function fencedBlocks(
  markdown: string,
): { line: number; lang: string; code: string; before: string }[] {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!))
      body.push(lines[j++]!.replace(new RegExp(`^ {0,${indent.length}}`), ''));
    let previous = i - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    blocks.push({
      line: i + 1,
      lang: info.toLowerCase(),
      code: body.join('\n'),
      before: lines[previous]?.trim() ?? '',
    });
    i = j;
  }
  return blocks;
}

/** The files one `typecheck` command compiles: its tsconfig's file list, as TypeScript resolves it. */
function compiledFiles(tsconfig: string, compiler: string): string[] {
  const extension = compiler === 'vue-tsc' ? '.vue' : compiler === 'svelte-check' ? '.svelte' : undefined;
  const extra = extension ? [{ extension, isMixedContent: true, scriptKind: ts.ScriptKind.Deferred }] : [];
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  return (
    ts.getParsedCommandLineOfConfigFile(tsconfig, {}, host, undefined, undefined, extra)?.fileNames ?? []
  );
}

/** Every file some workspace package's `typecheck` script compiles. */
export function typecheckedFiles(): string[] {
  const dirs = WORKSPACES.flatMap((group) =>
    readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)),
  );
  const files = new Set<string>();
  for (const dir of [...dirs, join(ROOT, 'bench')]) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const script: string = JSON.parse(readFileSync(manifest, 'utf8')).scripts?.typecheck ?? '';
    for (const command of script.split(/&&|;/)) {
      const [compiler = '', ...words] = command.trim().split(/\s+/);
      if (!['tsc', 'vue-tsc', 'svelte-check'].includes(compiler)) continue;
      const flag = words.findIndex((word) => ['-p', '--project', '--tsconfig'].includes(word));
      const tsconfig = resolve(dir, flag >= 0 ? words[flag + 1]! : 'tsconfig.json');
      if (existsSync(tsconfig)) for (const file of compiledFiles(tsconfig, compiler)) files.add(file);
    }
  }
  return [...files].sort();
}

/** The READMEs of the repository (none from installed, built or hidden folders). */
export function readmes(): string[] {
  const excluded = ['**/node_modules', '**/dist', '**/build', '**/.*'];
  return ts.sys
    .readDirectory(ROOT, ['.md'], excluded, ['**/README.md'])
    .filter((file) => file.endsWith('/README.md'))
    .sort();
}

/** Every checked code block of every README, with where it is compiled (if it is). */
export function readmeBlocks(): ReadmeBlock[] {
  const compiled = typecheckedFiles().map((file) => ({ file, text: normalise(readFileSync(file, 'utf8')) }));
  return readmes().flatMap((readme) =>
    fencedBlocks(readFileSync(readme, 'utf8'))
      .filter((block) => CHECKED.has(block.lang))
      .map(({ line, lang, code, before }) => {
        const notCompiled = NOT_COMPILED.exec(before)?.[1];
        const example = EXAMPLE.exec(before)?.[1];
        const normalised = normalise(code);
        const found = normalised ? compiled.find(({ text }) => text.includes(normalised)) : undefined;
        return {
          where: `${relative(ROOT, readme)}:${line}`,
          lang,
          code,
          ...(notCompiled ? { notCompiled } : {}),
          ...(example ? { example: join(dirname(readme), example) } : {}),
          ...(found ? { compiledIn: relative(ROOT, found.file) } : {}),
        };
      }),
  );
}

/** The script blocks the "as pasted" check compiles on their own (`.vue`/`.svelte` blocks are whole files already). */
const SCRIPT = new Set(['ts', 'tsx', 'typescript', 'mts', 'js', 'jsx', 'javascript', 'mjs']);
/** Diagnostics that say a block uses a name it neither declares nor imports. */
const UNDECLARED = new Set([2304, 2552, 2582, 2503, 2749]);

/**
 * What each compiled script block uses without declaring or importing it, compiled on its own as a
 * module (DOM and Node globals known; imports need not resolve): a block pasted into a new file must
 * compile. Keyed by {@link ReadmeBlock.where}; blocks with nothing missing are left out.
 */
export function undeclaredNames(blocks: readonly ReadmeBlock[]): Map<string, string[]> {
  const checked = blocks.filter((block) => !block.notCompiled && SCRIPT.has(block.lang));
  const files = new Map(
    checked.map((block, i) => [`/readme-blocks/block${i}.tsx`, `${block.code}\nexport {};\n`]),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language, true, ts.ScriptKind.TSX);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = new Map<string, string[]>();
  [...files.keys()].forEach((name, i) => {
    const names = program
      .getSemanticDiagnostics(program.getSourceFile(name))
      .filter((diagnostic) => UNDECLARED.has(diagnostic.code))
      .map(
        (diagnostic) =>
          /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))?.[1] ?? '?',
      );
    if (names.length > 0) problems.set(checked[i]!.where, [...new Set(names)]);
  });
  return problems;
}
