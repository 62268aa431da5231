import type { EmulatorLogger } from '../../logger.js';

/** The part of the Cognito service provisioning uses: AWS operations by name, as over the wire. */
export interface CognitoOperations {
  call(operation: string, input: unknown, context?: { sigv4: boolean }): Promise<Record<string, unknown>>;
}

export interface CognitoProvisionerOptions {
  cognito: CognitoOperations;
  region: string;
  accountId: string;
  log: EmulatorLogger;
}

/** Cognito's operations as an administrator (signed) calls them, with the two answers provisioning needs. */
export interface CognitoAdmin {
  call(operation: string, input: unknown): Promise<Record<string, unknown>>;
  /** The answer of a Describe/Get operation, or undefined when the resource does not exist. */
  existing(operation: string, input: unknown): Promise<Record<string, unknown> | undefined>;
  /**
   * An in-place update; one that Cognito refuses must not stop the stack: the resource keeps its old settings
   * (logged), and the answer is undefined.
   */
  tryUpdate(what: string, operation: string, input: unknown): Promise<Record<string, unknown> | undefined>;
}

const ADMIN = { sigv4: true };

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export function cognitoAdmin(cognito: CognitoOperations, log: EmulatorLogger): CognitoAdmin {
  const call = (operation: string, input: unknown) => cognito.call(operation, input, ADMIN);
  return {
    call,
    async existing(operation, input) {
      try {
        return await call(operation, input);
      } catch (err) {
        if (err instanceof Error && err.name === 'ResourceNotFoundException') return undefined;
        throw err;
      }
    },
    async tryUpdate(what, operation, input) {
      try {
        return await call(operation, input);
      } catch (err) {
        log.warn(
          `Could not update ${what} in place (${operation}: ${describeError(err)}); it keeps its previous settings`,
        );
        return undefined;
      }
    },
  };
}

/**
 * The members of `source` named in `keys`. CloudFormation's AWS::Cognito::UserPool and UserPoolClient
 * properties carry the operations' member names, so the members the Cognito operations take are the
 * properties copied.
 */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
