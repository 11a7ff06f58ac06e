import type { MockLivepush, MockLivepushOptions } from '@livepush/mock-server';
import { authOptions, Browser, startMock } from '@livepush/test-support';
import { onTestFinished } from 'vitest';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '../../src/server/index';

export { APP_ORIGIN, Browser, SECRET } from '@livepush/test-support';

/** A mock Livepush and an auth server pointed at it. Close the mock after the test. */
export async function setup(
  options: { mock?: MockLivepushOptions; auth?: Partial<LivepushAuthOptions> } = {},
): Promise<{
  mock: MockLivepush;
  auth: LivepushAuth;
  browser: Browser<LivepushAuth>;
  close: () => Promise<void>;
}> {
  const mock = await startMock(options.mock);
  const auth = createLivepushAuth({ ...authOptions(mock), ...options.auth });
  return { mock, auth, browser: new Browser(auth), close: () => mock.close() };
}

/** {@link setup} for one test: the mock server is closed when the test finishes. */
export async function setupTest(options: Parameters<typeof setup>[0] = {}): ReturnType<typeof setup> {
  const env = await setup(options);
  onTestFinished(() => env.close());
  return env;
}
