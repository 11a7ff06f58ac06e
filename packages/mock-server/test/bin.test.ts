import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli';
import { mockEndpoints } from '../src/endpoints';
import { DEFAULT_CLIENT } from '../src/index';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const binPath = join(packageDir, 'dist', 'bin.js');
const run = promisify(execFile);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(async () => {
  // Build when the bin is missing or older than the sources, so the test never runs stale code.
  if (!existsSync(binPath) || statSync(binPath).mtimeMs < newestSource(join(packageDir, 'src'))) {
    await run(join(packageDir, '../../node_modules/.bin/tsdown'), ['--log-level', 'warn'], {
      cwd: packageDir,
    });
  }
}, 60_000);

/** Resolves with the output once `pattern` appears on stdout. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${output}`)),
      10_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern}:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('livepush-mock-server bin', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints its URL, endpoints and the default client, serves, and exits 0 on %s',
    async (signal) => {
      const child = spawn(
        process.execPath,
        [binPath, '--port', '0', '--consent', 'approve', '--ttl', '120'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = exitOf(child);
      try {
        const output = await waitForOutput(child, /Press Ctrl\+C/);
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        expect(url).toBeDefined();
        expect(output).toContain(`"token": "${url}/oauth2/access_token"`);
        expect(output).toContain(`"accountsApi": "${url}/squid"`);
        expect(output).toContain(DEFAULT_CLIENT.clientId);
        expect(output).toContain(DEFAULT_CLIENT.clientSecret);
        // The lines an app's .env takes, and the option that reads them: the one documented way.
        const env = Object.fromEntries(
          [...output.matchAll(/^ {2}(LIVEPUSH_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
        );
        expect(env).toEqual({
          LIVEPUSH_MOCK_URL: url,
          LIVEPUSH_CLIENT_ID: DEFAULT_CLIENT.clientId,
          LIVEPUSH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
        });
        expect(JSON.parse(/endpoints: (\{[\s\S]*?\n\})/.exec(output)![1]!)).toEqual(
          mockEndpoints(env.LIVEPUSH_MOCK_URL!),
        );
        expect(output).toContain("import { mockEndpoints } from '@livepush/mock-server/endpoints'");
        // The flags took effect: approve answers at once, and tokens live 120 s.
        const authorize = await fetch(
          `${url}/oauth2/authorize?${new URLSearchParams({
            client_id: DEFAULT_CLIENT.clientId,
            redirect_uri: 'http://127.0.0.1:9/cb',
            response_type: 'code',
            scope: 'profile.read',
          })}`,
          { redirect: 'manual' },
        );
        expect(authorize.status).toBe(302);
        const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
        const token = await fetch(
          `${url}/oauth2/access_token?${new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: 'http://127.0.0.1:9/cb',
            client_id: DEFAULT_CLIENT.clientId,
            client_secret: DEFAULT_CLIENT.clientSecret,
          })}`,
        );
        expect(((await token.json()) as { expires_in: number }).expires_in).toBe(120);
      } finally {
        child.kill(signal);
      }
      expect(await exited).toEqual({ code: 0, signal: null });
    },
  );

  it('--help prints the usage and exits 0', async () => {
    const { stdout } = await run(process.execPath, [binPath, '--help']);
    expect(stdout).toContain('Usage: livepush-mock-server');
    expect(stdout).toContain('--no-rotate');
  });

  it.each([['--port', 'abc'], ['--bogus'], ['--consent', 'maybe'], ['--ttl', '0'], ['extra']])(
    'bad flags %s → a message on stderr and exit code 2',
    async (...args) => {
      const error = (await run(process.execPath, [binPath, ...args]).catch((caught: unknown) => caught)) as {
        code: number;
        stderr: string;
      };
      expect(error.code).toBe(2);
      expect(error.stderr).toMatch(/^livepush-mock-server: /);
      expect(error.stderr).toContain('Usage:');
    },
  );
});

describe('parseCliArgs', () => {
  it('defaults to port 4010 on 127.0.0.1', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { port: 4010, host: '127.0.0.1' } });
  });

  it('reads every flag', () => {
    expect(
      parseCliArgs(['--port', '0', '--host', '::1', '--consent', 'deny', '--ttl', '30', '--no-rotate']),
    ).toEqual({
      kind: 'run',
      options: {
        port: 0,
        host: '::1',
        consent: 'deny',
        accessTokenTtlSeconds: 30,
        rotateRefreshTokens: false,
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--reuse', 'revoke-grant'])).toEqual({
      kind: 'run',
      options: { port: 4010, host: '127.0.0.1', refreshTokenReuse: 'revoke-grant' },
    });
  });

  it.each([
    [['--port', '65536'], /between/],
    [['--port=-1'], /integer/],
    [['--ttl', '1.5'], /integer/],
    [['--host', ''], /empty/],
    [['--no-rotate=1'], /./],
    [['--reuse', 'ignore'], /--reuse must be reject or revoke-grant/],
  ])('%o → error %s', (args, message) => {
    const command = parseCliArgs(args);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toMatch(message);
  });
});

describe('the built package', () => {
  it('close() leaves nothing that keeps a process alive: open sockets, a pending 60 s delay', async () => {
    const script = `
      import { startMockLivepush } from ${JSON.stringify(join(packageDir, 'dist', 'index.js'))};
      const mock = await startMockLivepush();
      await fetch(mock.url); // a kept-alive connection
      mock.setFaults({ on: 'api', kind: 'delay', ms: 60000 });
      const stuck = fetch(mock.endpoints.accountsApi + '/account/this').catch(() => 'rejected');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await mock.close();
      console.log('closed', await stuck);
    `;
    const started = performance.now();
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 15_000,
    });
    expect(stdout.trim()).toBe('closed rejected');
    // The process ended on its own, long before the 60 s delay.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
