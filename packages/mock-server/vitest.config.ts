import { livepushProject } from '../../vitest.shared';

export default livepushProject('mock-server');
