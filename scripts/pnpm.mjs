// Finds pnpm 12.4.2 or installs it into .tools/ with npm, so a fresh machine needs only Node.js and npm.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { ROOT } from './release/packages.mjs';
import { run } from './release/util.mjs';

export { ROOT, run };

const PNPM_VERSION = '12.4.2';
const TOOLS = join(ROOT, '.tools');

function version(cmd, env) {
  try {
    return execFileSync(cmd, ['--version'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Returns an environment whose PATH has pnpm 12.4.2 (turbo runs package scripts through it). */
export function pnpmEnv() {
  const env = {
    ...process.env,
    PATH: [join(TOOLS, 'node_modules', '.bin'), join(ROOT, 'node_modules', '.bin'), process.env.PATH].join(
      delimiter,
    ),
  };
  if (version('pnpm', env) === PNPM_VERSION) return env;
  console.log(`› installing pnpm ${PNPM_VERSION} into .tools/ (one time)`);
  run(
    'npm',
    [
      'install',
      '--prefix',
      TOOLS,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${PNPM_VERSION}`,
    ],
    { env },
  );
  if (version('pnpm', env) !== PNPM_VERSION) throw new Error(`could not install pnpm ${PNPM_VERSION}`);
  return env;
}

/** Installs the workspace when node_modules is missing, and always under CI (frozen lockfile). */
export function ensureInstalled(env) {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  if (process.env.CI || !existsSync(marker)) {
    console.log('› pnpm install');
    run('pnpm', ['install', ...frozen], { env });
  }
}
