import { livepushProject } from '../../vitest.shared';

export default livepushProject('core');
