import { livepushProject } from '../../vitest.shared.ts';

// The release rehearsals spawn installs and builds: each test and hook sets its own timeout.
export default livepushProject('release-checks');
