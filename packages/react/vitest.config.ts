import { mergeConfig } from 'vitest/config';
import { livepushProject } from '../../vitest.shared.ts';

export default mergeConfig(livepushProject('react', { environment: 'happy-dom' }), {
  test: { globalSetup: ['./test/support/auth-server.ts'] },
});
