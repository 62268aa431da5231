import { sharedConfig } from './vitest.shared.js';

/** The root's own tests: the scripts behind `npm test`, `npm run dev` and `npm run bench`. */
export default sharedConfig({ include: ['scripts/tests/**/*.test.mjs'] });
