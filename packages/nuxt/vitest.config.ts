import { livepushProject } from '../../vitest.shared.ts';

export default livepushProject('nuxt');
