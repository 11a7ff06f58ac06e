// pnpm for the scripts, on any machine with Node.js: the one on PATH when it is the packageManager's
// version, else corepack's (COREPACK_INTEGRITY_KEYS=0: the registry here serves no signatures), else
// (no corepack) an npm install into .tools/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from './release/packages.mjs';
import { run } from './release/util.mjs';

export { ROOT, run };

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];
const TOOLS = join(ROOT, '.tools');

const found = (cmd, env) => {
  try {
    return execFileSync(cmd, ['--version'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

/** An environment whose PATH has the workspace's binaries and pnpm at the packageManager's version. */
export function pnpmEnv() {
  const bins = [join(TOOLS, 'bin'), join(TOOLS, 'node_modules', '.bin'), join(ROOT, 'node_modules', '.bin')];
  const env = {
    ...process.env,
    COREPACK_INTEGRITY_KEYS: '0',
    PATH: [...bins, process.env.PATH].join(delimiter),
  };
  if (found('pnpm', env) === VERSION) return env;
  if (found('corepack', env)) {
    console.log(`› corepack: pnpm ${VERSION} (shims in .tools/bin)`);
    mkdirSync(join(TOOLS, 'bin'), { recursive: true });
    run('corepack', ['enable', '--install-directory', join(TOOLS, 'bin'), 'pnpm'], { env });
  } else {
    console.log(`› no corepack: installing pnpm ${VERSION} into .tools/ with npm`);
    run('npm', ['install', '--prefix', TOOLS, '--no-save', '--no-audit', '--no-fund', `pnpm@${VERSION}`], {
      env,
    });
  }
  if (found('pnpm', env) !== VERSION) throw new Error(`could not get pnpm ${VERSION}`);
  return env;
}

/** Installs the workspace when node_modules is missing, and always under CI (frozen lockfile). */
export function ensureInstalled(env) {
  if (process.env.CI || !existsSync(join(ROOT, 'node_modules', '.modules.yaml'))) {
    console.log('› pnpm install');
    run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])], { env });
  }
}
