import { sharedConfig } from '../../vitest.shared.js';

// One consumer project and one local stack for all files (made in the global setup); the files run one after
// another, since each installs, compiles or bundles, which is what the 2-core machine can afford.
export default sharedConfig({ globalSetup: ['tests/support/global-setup.ts'], fileParallelism: false });
