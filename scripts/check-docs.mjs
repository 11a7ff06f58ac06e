#!/usr/bin/env node
// Every code block in every README is compiled, so the docs cannot rot.
//
// For each README.md in the repository, each fenced block in ts/tsx/js/jsx/svelte/vue must appear verbatim
// (whitespace-normalised; comment-only and one-line `declare` lines aside) in a file that a workspace
// package's `typecheck` script compiles (the tsconfig files it passes to tsc / vue-tsc / svelte-check,
// with their `include`), or be marked on the line before its fence:
//
//   <!-- not-compiled: why this block cannot be compiled -->
//
// Shell and other blocks are exempt. Exits non-zero listing each offending block as file:line.
//
//   node scripts/check-docs.mjs [--verbose]   (--verbose: where each block was found)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './release/packages.mjs';

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
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'dist-server',
  'build',
  '.svelte-kit',
  '.turbo',
  '.tools',
  '.reports',
  'coverage',
  'test-results',
  'playwright-report',
]);
const MARKER = /^<!--\s*not-compiled:\s*(\S.*?)\s*-->$/;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(join(dir, entry.name));
    } else if (entry.isFile()) {
      yield join(dir, entry.name);
    }
  }
}

/**
 * Whitespace-normalised code. Lines that are only a comment, and one-line `declare` statements (an example
 * file's scaffolding, e.g. `declare const env: Record<string, string>;`), are dropped on both sides, so a
 * README block may leave them out; every other line must match, in order and contiguously.
 */
export function normalise(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^(\/\/|\/\*|\*|<!--.*-->$)/.test(line))
    .filter((line) => !/^declare (const|let|var|function) .*;$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fenced code blocks: `{ line, lang, code, marker }` (line: 1-based line of the opening fence). */
export function fencedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j]))
      body.push(lines[j++].replace(new RegExp(`^ {0,${indent.length}}`), ''));
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const marker = previous >= 0 ? MARKER.exec(lines[previous].trim())?.[1] : undefined;
    blocks.push({ line: i + 1, lang: info.toLowerCase(), code: body.join('\n'), marker });
    i = j;
  }
  return blocks;
}

function readJson(file) {
  // tsconfig files may hold comments and trailing commas.
  const text = readFileSync(file, 'utf8')
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_match, string) => string ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text);
}

/** `include` of a tsconfig (inherited through relative `extends`), as absolute patterns. */
function includes(tsconfig) {
  const config = readJson(tsconfig);
  if (config.include) return { patterns: config.include.map((p) => resolve(dirname(tsconfig), p)), config };
  if (typeof config.extends === 'string' && config.extends.startsWith('.')) {
    const base = resolve(dirname(tsconfig), config.extends);
    if (existsSync(base)) return { ...includes(base), config };
  }
  return { patterns: [resolve(dirname(tsconfig), '**/*')], config };
}

function patternToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '(?:.*/)?';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Files compiled by one `typecheck` invocation of `compiler` on `tsconfig`. */
function compiledFiles(tsconfig, compiler) {
  const { patterns, config } = includes(tsconfig);
  const extensions = ['.ts', '.tsx', '.mts', '.cts'];
  if (compiler === 'vue-tsc') extensions.push('.vue');
  if (compiler === 'svelte-check') extensions.push('.svelte');
  if (config.compilerOptions?.allowJs) extensions.push('.js', '.jsx', '.mjs', '.cjs');
  const files = [];
  for (const pattern of patterns) {
    const wild = /[*?]/.test(pattern);
    const base = wild ? pattern.slice(0, pattern.search(/[*?]/)).replace(/[^/]*$/, '') : pattern;
    if (!existsSync(base)) continue;
    const candidates = statSync(base).isDirectory() ? [...walk(base)] : [base];
    const regexp = wild ? patternToRegExp(pattern) : null;
    for (const file of candidates) {
      if (regexp && !regexp.test(file)) continue;
      if (extensions.some((ext) => file.endsWith(ext))) files.push(file);
    }
  }
  return files;
}

/** Every file some workspace package's `typecheck` script compiles. */
export function typecheckedFiles() {
  const workspace = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [...workspace.matchAll(/^\s+-\s+['"]?([^'"\n]+?)['"]?\s*$/gm)].map((m) => m[1]);
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(join(ROOT, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(ROOT, glob.slice(0, -2), entry.name))
      : [join(ROOT, glob)],
  );
  const files = new Set();
  for (const dir of dirs) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const script = JSON.parse(readFileSync(manifest, 'utf8')).scripts?.typecheck ?? '';
    for (const command of script.split(/&&|;/)) {
      const words = command.trim().split(/\s+/);
      const compiler = words[0];
      if (!['tsc', 'vue-tsc', 'svelte-check'].includes(compiler)) continue;
      const flag = words.findIndex((word) => ['-p', '--project', '--tsconfig'].includes(word));
      const tsconfig = resolve(dir, flag >= 0 ? words[flag + 1] : 'tsconfig.json');
      if (!existsSync(tsconfig)) continue;
      for (const file of compiledFiles(tsconfig, compiler)) files.add(file);
    }
  }
  return [...files].sort();
}

export function checkDocs() {
  const compiled = typecheckedFiles().map((file) => ({ file, text: normalise(readFileSync(file, 'utf8')) }));
  const readmes = [...walk(ROOT)].filter((file) => file.endsWith('/README.md')).sort();
  const results = [];
  for (const readme of readmes) {
    for (const block of fencedBlocks(readFileSync(readme, 'utf8'))) {
      if (!CHECKED.has(block.lang)) continue;
      const where = `${relative(ROOT, readme)}:${block.line}`;
      if (block.marker) {
        results.push({ where, lang: block.lang, status: 'marked', detail: block.marker });
        continue;
      }
      const code = normalise(block.code);
      const found = code && compiled.find(({ text }) => text.includes(code));
      results.push(
        found
          ? { where, lang: block.lang, status: 'compiled', detail: relative(ROOT, found.file) }
          : { where, lang: block.lang, status: 'missing' },
      );
    }
  }
  return { readmes, compiled, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean' } } });
  const { readmes, compiled, results } = checkDocs();
  const missing = results.filter((result) => result.status === 'missing');
  if (values.verbose) {
    for (const { where, lang, status, detail } of results) {
      console.log(`  ${status.padEnd(8)} ${where} (${lang})${detail ? ` → ${detail}` : ''}`);
    }
  }
  const count = (status) => results.filter((result) => result.status === status).length;
  const summary = `${readmes.length} READMEs, ${results.length} code blocks: ${count('compiled')} compiled, ${count('marked')} marked not-compiled, ${missing.length} unchecked (${compiled.length} typechecked files searched)`;
  if (missing.length > 0) {
    console.error(`check-docs: ${summary}\n`);
    for (const { where, lang } of missing) {
      console.error(
        `  ✗ ${where} (${lang}): not found verbatim in any typechecked file — move it into the package's examples/ or mark it <!-- not-compiled: reason -->`,
      );
    }
    process.exit(1);
  }
  console.log(`check-docs: ${summary}`);
}
