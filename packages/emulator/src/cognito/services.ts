import type { CognitoOutbox } from './cognito-outbox.js';
import type { CognitoStore } from './cognito-store.js';
import type { ChallengeState } from './domain/challenge-state.js';
import { CodeBook } from './domain/code-book.js';
import { CodeDelivery } from './domain/code-delivery.js';
import { PoolDirectory } from './domain/pool-directory.js';
import { ResourceServerDirectory } from './domain/resource-servers.js';
import type { ServiceConfig } from './domain/service-config.js';
import { SignInGuard } from './domain/sign-in-guard.js';
import { TokenKeys } from './domain/token-keys.js';
import { TokenService } from './domain/token-service.js';
import { UnknownUserLedger } from './domain/unknown-user-ledger.js';
import { UserDirectory } from './domain/user-directory.js';
import { UserPoolDomains } from './domain/user-pool-domains.js';
import { SessionStore } from './session-store.js';

/**
 * The domain services the operations are handed. Each operation names the few it needs
 * (`Pick<Services, 'pools' | 'users'>`); none of them sees the store, which only the domain modules hold.
 */
export interface Services {
  config: ServiceConfig;
  pools: PoolDirectory;
  /** The pools' OAuth 2.0 resource servers and their custom scopes. */
  resourceServers: ResourceServerDirectory;
  users: UserDirectory;
  codes: CodeBook;
  delivery: CodeDelivery;
  signIn: SignInGuard;
  keys: TokenKeys;
  tokens: TokenService;
  /** State between InitiateAuth and RespondToAuthChallenge, by session string. */
  challenges: SessionStore<ChallengeState>;
  /** User pool domains, which serve the OAuth 2.0 endpoints and managed login. */
  domains: UserPoolDomains;
}

/** Wires the domain modules over one store. */
export function createServices(store: CognitoStore, config: ServiceConfig, outbox: CognitoOutbox): Services {
  const pools = new PoolDirectory(store, config);
  const users = new UserDirectory(store, config);
  const keys = new TokenKeys(store, config);
  // Failed sign-ins and code guesses for names that match no user (clients that hide user existence).
  const unknownUsers = new UnknownUserLedger(config.now);
  return {
    config,
    pools,
    resourceServers: new ResourceServerDirectory(store),
    users,
    codes: new CodeBook({ users, config, unknown: unknownUsers }),
    delivery: new CodeDelivery(outbox, config),
    signIn: new SignInGuard({ users, config, unknown: unknownUsers }),
    keys,
    tokens: new TokenService(store, config, keys, pools, users),
    challenges: new SessionStore(config.now),
    domains: new UserPoolDomains(store, config),
  };
}
