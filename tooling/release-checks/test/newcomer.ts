// The newcomer's first fifteen minutes, as a check (issue 22): outside the workspace, a Vite + React SPA
// with an Express server (`toNodeHandler`) made ONLY of the code blocks of @livepush/auth-react's README
// as published (the blocks marked `<!-- examples/… · your FILE -->` become FILE, its install commands are
// run as they are, @livepush/* pinned to the version under test), the packages installed from the local
// registry, built with Vite, served by `node server.js`, pointed at the mock bin
// (`livepush-mock-server` of the installed @livepush/mock-server, the `.env` lines it prints) and signed
// in with Chromium. A README change that breaks this path fails the release checks.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, type Started, startProcess } from '@livepush/test-support';
import { chromium } from '@playwright/test';
import { cleanEnv, must } from '../../../scripts/release/scratch.mjs';
import { registryManifest } from '../../../scripts/release/smoke.mjs';

/** The README the newcomer follows. */
const PACKAGE = '@livepush/auth-react';
/** The marker on the line before a block that is a whole file of the app: `<!-- examples/NAME · your FILE -->`. */
const FILE_MARKER = /^<!--\s*examples\/\S+\s+·\s+your\s+(\S+)(?:\s.*)?-->$/;

/** The files a README's marked blocks make, by the name the README gives them. */
export function readmeFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const file = FILE_MARKER.exec(lines[i]!.trim())?.[1];
    if (!file) continue;
    let open = i + 1;
    while (lines[open]?.trim() === '') open++;
    if (!/^```\w*$/.test(lines[open]?.trim() ?? '')) throw new Error(`no code block after "${lines[i]}"`);
    const close = lines.findIndex((line, at) => at > open && line.trim() === '```');
    files.set(file, `${lines.slice(open + 1, close).join('\n')}\n`);
  }
  return files;
}

/** The `npm install …` lines of a README's shell blocks, in order, with the words after `npm`. */
export function installCommands(markdown: string): string[][] {
  const commands: string[][] = [];
  for (const [, body = ''] of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of body.split('\n')) {
      const words = line.replace(/#.*/, '').trim().split(/\s+/);
      if (words[0] === 'npm' && (words[1] === 'install' || words[1] === 'i')) commands.push(words.slice(1));
    }
  }
  return commands;
}

export interface NewcomerResult {
  /** What the signed-in page showed. */
  signedIn: string;
  /** The app's files, by name, as taken from the README. */
  files: string[];
  /** The install commands run. */
  installs: string[];
  /** Console errors of the app's page that mention Livepush. */
  consoleErrors: string[];
  seconds: number;
}

/**
 * Runs the newcomer's path against `version` in `registry`. `npmCache`: npm's cache folder, kept between
 * runs so that third-party tarballs are fetched once.
 */
export async function newcomer(
  registry: { url: string },
  version: string,
  { npmCache = join(tmpdir(), 'livepush-newcomer-npm-cache'), keep = false } = {},
): Promise<NewcomerResult> {
  const start = performance.now();
  const app = mkdtempSync(join(tmpdir(), 'livepush-newcomer-'));
  const npmrc = join(app, '.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n`);
  const env = cleanEnv({ npm_config_userconfig: npmrc, npm_config_cache: npmCache });
  const started: Started[] = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    // The README as published: the tarball's own copy.
    const manifest = (await registryManifest(registry, PACKAGE, version)) as { dist: { tarball: string } };
    const tarball = join(app, 'package.tgz');
    writeFileSync(tarball, Buffer.from(await (await fetch(manifest.dist.tarball)).arrayBuffer()));
    await must('tar', ['-xzf', tarball, '-C', app, 'package/README.md'], { cwd: app, env });
    const readme = readFileSync(join(app, 'package/README.md'), 'utf8');
    rmSync(join(app, 'package'), { recursive: true });
    rmSync(tarball);

    const files = readmeFiles(readme);
    for (const name of ['server.js', 'vite.config.ts', 'index.html', 'src/main.tsx']) {
      if (!files.has(name)) throw new Error(`the ${PACKAGE} README shows no block marked "your ${name}"`);
    }
    const installs = installCommands(readme);
    if (!installs.some((words) => words.includes('vite')))
      throw new Error(
        `the ${PACKAGE} README's install commands do not install vite: ${JSON.stringify(installs)}`,
      );

    writeFileSync(join(app, 'package.json'), '{ "name": "my-app", "private": true, "type": "module" }\n');
    for (const [name, text] of files) {
      mkdirSync(dirname(join(app, name)), { recursive: true });
      writeFileSync(join(app, name), text);
    }
    const run: string[] = [];
    for (const words of installs) {
      const pinned = words.map((word) => (/^@livepush\/[\w-]+$/.test(word) ? `${word}@${version}` : word));
      const args = [...pinned, '--no-audit', '--no-fund'];
      run.push(`npm ${args.join(' ')}`);
      await must('npm', args, { cwd: app, env, timeoutMs: 5 * 60_000 });
    }
    await must(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: app, env });

    // The mock bin, and the .env lines it prints for the app.
    const mock = await startProcess(
      join(app, 'node_modules/.bin/livepush-mock-server'),
      ['--port', String(await freePort())],
      { cwd: app, env, ready: /Press Ctrl\+C to stop\./ },
    );
    started.push(mock);
    const dotenv = Object.fromEntries(
      [...mock.output().matchAll(/^\s+(LIVEPUSH_[A-Z_]+)=(\S+)$/gm)].map(([, key, value]) => [key, value]),
    );
    if (!dotenv.LIVEPUSH_MOCK_URL)
      throw new Error(`the mock printed no LIVEPUSH_MOCK_URL:\n${mock.output()}`);

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = await startProcess(process.execPath, ['server.js'], {
      cwd: app,
      env: {
        ...env,
        ...dotenv,
        PORT: String(port),
        HOST: '127.0.0.1',
        ORIGIN: origin,
        SESSION_SECRET: 'a-newcomer-session-secret-of-32-characters-or-more',
      },
      ready: /Listening on/,
    });
    started.push(server);

    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /livepush|auth/i.test(message.text()))
        consoleErrors.push(message.text());
    });
    await page.goto(origin);
    await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    const signedIn = page.getByText(/^Signed in as /);
    await signedIn.waitFor({ timeout: 15_000 });
    return {
      signedIn: (await signedIn.textContent()) ?? '',
      files: [...files.keys()],
      installs: run,
      consoleErrors,
      seconds: Math.round((performance.now() - start) / 1000),
    };
  } finally {
    await browser.close();
    for (const process of started.reverse()) await process.stop();
    if (!keep) rmSync(app, { recursive: true, force: true });
  }
}
