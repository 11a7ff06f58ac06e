import { livepushProject } from '../vitest.shared';

export default livepushProject('bench');
