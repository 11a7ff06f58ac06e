// `npm run demo`: installs what is missing, builds, and starts the local Livepush (mock server).
import { ensureInstalled, pnpmEnv, run } from './pnpm.mjs';

const env = pnpmEnv();
ensureInstalled(env);
run('turbo', ['run', 'build', '--filter=@livepush/mock-server', '--output-logs=errors-only'], { env });
run('node', ['packages/mock-server/dist/bin.js', ...process.argv.slice(2)], { env, allowFail: true });
