import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library gives up on `findBy…`/`waitFor` after 1 s by default, which a busy 2-core machine can exceed
// while React renders and the fake client answers. A long limit only catches a hang; no test waits for it.
configure({ asyncUtilTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
});
