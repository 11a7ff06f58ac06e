import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

/**
 * The one Playwright preset every demo uses: Debian's Chromium (never a downloaded browser), headless,
 * with the flags that keep it off the closed network. Each demo passes its web server and port.
 * With `cookieSessions`, the same command starts a second server on that port with
 * `DEMO_SESSIONS=cookie` (no session store; `env` is added to the first server's): the tests a demo
 * runs in both modes reach it through their `baseURL` (see `inBothSessionModes`).
 */
export function demoE2EConfig(options: {
  port: number;
  command: string;
  cwd: string;
  env?: Record<string, string>;
  cookieSessions?: { port: number; env?: Record<string, string> };
}): PlaywrightTestConfig {
  const baseURL = `http://127.0.0.1:${options.port}`;
  const server = (port: number, env: Record<string, string> | undefined) => ({
    command: options.command,
    cwd: options.cwd,
    url: `http://127.0.0.1:${port}/auth/session`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), HOST: '127.0.0.1', ...env },
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  });
  const cookieSessions = options.cookieSessions;
  return defineConfig({
    testDir: './e2e',
    fullyParallel: false,
    workers: 1,
    retries: 0,
    timeout: 30_000,
    expect: { timeout: 7_000 },
    // The JSON report is what `npm test` adds up (and what turbo restores when the e2e task is cached).
    reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
    use: {
      ...devices['Desktop Chrome'],
      baseURL,
      trace: 'off',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    },
    webServer: cookieSessions
      ? [
          server(options.port, options.env),
          server(cookieSessions.port, { ...options.env, DEMO_SESSIONS: 'cookie', ...cookieSessions.env }),
        ]
      : server(options.port, options.env),
  });
}
