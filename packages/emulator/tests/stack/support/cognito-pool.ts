import { afterAll, beforeAll, beforeEach } from 'vitest';
import { CognitoService } from '../../../src/cognito/index.js';
import { createMemoryLogger } from '../../../src/logger.js';
import type { CognitoProvisionerOptions } from '../../../src/stack/provisioners/cognito-admin.js';

/**
 * One in-memory Cognito service with one pool for the tests of a file (pools are slow to create: each gets
 * its own RSA keys), and the provisioner options over it; the log is emptied before each test.
 */
export function useCognitoPool(): { readonly poolId: string; readonly options: CognitoProvisionerOptions } {
  const log = createMemoryLogger();
  let cognito: CognitoService | undefined;
  let poolId: string | undefined;
  beforeAll(async () => {
    cognito = CognitoService.open({ database: ':memory:' });
    poolId = ((await cognito.call('CreateUserPool', { PoolName: 'app' })).UserPool as { Id: string }).Id;
  });
  beforeEach(() => {
    log.entries.length = 0;
  });
  afterAll(() => {
    cognito?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useCognitoPool is read before its beforeAll ran');
    return value;
  };
  return {
    get poolId() {
      return ready(poolId);
    },
    get options() {
      return { cognito: ready(cognito), region: 'us-east-1', accountId: '000000000000', log };
    },
  };
}
