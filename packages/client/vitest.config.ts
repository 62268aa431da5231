import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
});
