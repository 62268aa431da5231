import { type EmulatorLogger, silentLogger } from '../logger.js';
import { adminOperations } from './admin-operations.js';
import { attributeOperations } from './attribute-operations.js';
import { authOperations } from './auth-operations.js';
import { clientOperations } from './client-operations.js';
import { CognitoError, CognitoException, CognitoInternalError } from './cognito-error.js';
import type { CognitoOperation } from './cognito-operation.js';
import { CognitoOutbox } from './cognito-outbox.js';
import { CognitoStore } from './cognito-store.js';
import { domainOperations } from './domain-operations.js';
import { groupOperations } from './group-operations.js';
import { HostedAuth } from './hosted-auth.js';
import { mfaOperations } from './mfa-operations.js';
import { poolOperations } from './pool-operations.js';
import { resourceServerOperations } from './resource-server-operations.js';
import { createServices, type Services } from './services.js';
import { signUpOperations } from './sign-up-operations.js';
import { userOperations } from './user-operations.js';

/** How to open a Cognito service. */
export interface CognitoServiceOptions {
  /** SQLite file (created if missing, WAL) or ':memory:'. */
  database: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Default `000000000000`. */
  accountId?: string;
  /**
   * Issuer of minted tokens. 'aws' (default): `https://cognito-idp.<region>.amazonaws.com/<poolId>`, which
   * aws-jwt-verify's CognitoJwtVerifier accepts once given the local JWKS. 'local': `<publicUrl>/<poolId>`,
   * where publicUrl is the server's URL (set by startCognitoServer).
   */
  issuer?: 'aws' | 'local';
  /**
   * Runs a Lambda trigger named in a pool's LambdaConfig. Resolves to the function's returned payload,
   * rejects if the function failed (then UserLambdaValidationException, as on AWS).
   */
  invokeTrigger?: (functionArn: string, event: Record<string, unknown>) => Promise<unknown>;
  log?: EmulatorLogger;
  /** Clock in ms, for tests of expiry and lockout. Default Date.now. */
  now?: () => number;
}

// Operations live in one module per area (pools, clients, groups, sign-up, auth flows, signed-in user,
// password recovery, admin) rather than one file each. They are thin adapters: the rules they share live in
// the domain modules (./domain), which they reach only through the services they name.
const OPERATIONS: ReadonlyMap<string, CognitoOperation> = new Map(
  [
    ...poolOperations,
    ...clientOperations,
    ...groupOperations,
    ...resourceServerOperations,
    ...signUpOperations,
    ...authOperations,
    ...userOperations,
    ...adminOperations,
    ...attributeOperations,
    ...domainOperations,
    ...mfaOperations,
  ].map((op) => [op.name, op]),
);

/** The names of every operation this service answers. */
export const COGNITO_OPERATIONS: readonly string[] = [...OPERATIONS.keys()].sort();

/**
 * A Cognito user-pool service: the AWS operations over a SQLite store, with per-pool RSA keys, SRP
 * verifiers instead of passwords, and a local outbox instead of email/SMS.
 *
 * @example
 * const cognito = CognitoService.open({ database: ':memory:' });
 * const { UserPool } = await cognito.call('CreateUserPool', { PoolName: 'app' });
 */
export class CognitoService {
  /** Codes and temporary passwords "sent" to users. */
  readonly outbox: CognitoOutbox;
  /** What the local OAuth 2.0 server and managed login pages use of the domain. */
  readonly hostedAuth: HostedAuth;
  readonly #services: Services;
  readonly #store: CognitoStore;

  private constructor(options: CognitoServiceOptions) {
    this.#store = new CognitoStore(options.database);
    this.outbox = new CognitoOutbox();
    this.#services = createServices(
      this.#store,
      {
        region: options.region ?? 'us-east-1',
        accountId: options.accountId ?? '000000000000',
        issuer: options.issuer ?? 'aws',
        ...(options.invokeTrigger === undefined ? {} : { invokeTrigger: options.invokeTrigger }),
        log: options.log ?? silentLogger,
        now: options.now ?? Date.now,
      },
      this.outbox,
    );
    this.hostedAuth = new HostedAuth(this.#services);
    this.#services.tokens.pruneRefreshTokens();
  }

  /** Opens (or creates) the store and returns the service. */
  static open(options: CognitoServiceOptions): CognitoService {
    return new CognitoService(options);
  }

  /**
   * Runs one operation, by its AWS name, with its JSON input, exactly as the wire would run it. `sigv4` says
   * whether the request carried a SigV4 Authorization header that the server accepted (Admin* and
   * pool-management operations need one); in-process callers are trusted and default to true. Rejects with a
   * {@link CognitoError}.
   */
  async call(
    operation: string,
    input: unknown,
    context: { sigv4: boolean } = { sigv4: true },
  ): Promise<Record<string, unknown>> {
    const op = OPERATIONS.get(operation);
    if (op === undefined) {
      throw new CognitoException('UnknownOperationException', `Unknown operation: ${operation}`);
    }
    if (op.auth === 'sigv4' && !context.sigv4) {
      // AWS's own words for an unsigned call to an IAM-authorized operation.
      throw new CognitoException(
        'MissingAuthenticationTokenException',
        'Request is missing Authentication Token',
      );
    }
    try {
      // Every answer is a JSON object: the operation's AWS response shape.
      return (await op.run(this.#services, input)) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof CognitoError) throw err;
      this.#services.config.log.error(
        `${operation} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      throw new CognitoInternalError({ cause: err });
    }
  }

  /**
   * How an operation is authenticated on AWS: `sigv4` (IAM: Admin*, pool management, ListUsers…), `none`
   * (public: password, code or token based), or undefined for a name this service does not answer. The server
   * checks the SigV4 header and the caller's origin of `sigv4` operations before it calls them.
   */
  operationAuth(operation: string): 'sigv4' | 'none' | undefined {
    return OPERATIONS.get(operation)?.auth;
  }

  /** The pool's public keys, `{ keys: [...] }` as served at /<poolId>/.well-known/jwks.json. */
  jwks(userPoolId: string): { keys: Record<string, unknown>[] } {
    this.#services.pools.requirePool(userPoolId);
    return { keys: this.#services.keys.signingKeys(userPoolId).map((k) => k.publicJwk) };
  }

  /** The `iss` value this service writes into the pool's tokens. */
  issuer(userPoolId: string): string {
    return this.#services.keys.issuer(userPoolId);
  }

  /** The pool a user pool domain serves (its prefix or custom name), or undefined. */
  poolOfDomain(domain: string): string | undefined {
    return this.#services.domains.poolOfDomain(domain);
  }

  /** Whether a pool exists. */
  hasPool(userPoolId: string): boolean {
    return this.#services.pools.hasPool(userPoolId);
  }

  /** The base URL the server is reachable at (used by the 'local' issuer and the discovery document). */
  setPublicUrl(url: string): void {
    this.#services.keys.publicUrl = url.replace(/\/$/, '');
  }

  get publicUrl(): string | undefined {
    return this.#services.keys.publicUrl;
  }

  get region(): string {
    return this.#services.config.region;
  }

  close(): void {
    this.#store.close();
  }
}
