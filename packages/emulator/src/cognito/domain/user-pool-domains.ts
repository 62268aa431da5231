import { invalidParameter, resourceNotFound } from '../cognito-error.js';
import type { CognitoStore } from '../cognito-store.js';
import type { UserPoolDomainRecord } from '../cognito-types.js';
import type { ServiceConfig } from './service-config.js';

/** AWS's pattern for a prefix domain (the API model's `DomainType`). */
export const PREFIX_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A custom domain: a fully qualified name of labels like the prefix's. The API model gives custom domains the
 * prefix's pattern too (it has no dot), yet AWS takes `auth.example.com`; we check the name's shape instead.
 */
const CUSTOM_DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Words AWS refuses anywhere in a prefix (`Domain cannot contain reserved word: aws`). */
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'] as const;

/** What CreateUserPoolDomain and UpdateUserPoolDomain take. */
export interface DomainInput {
  UserPoolId: string;
  Domain: string;
  CustomDomainConfig?: { CertificateArn?: string | undefined } | undefined;
  ManagedLoginVersion?: number | undefined;
}

/** Checks a domain name as AWS does: a prefix against its pattern and reserved words, a custom one by shape. */
export function checkDomainName(domain: string, custom: boolean): void {
  if (custom) {
    if (!CUSTOM_DOMAIN.test(domain)) {
      throw invalidParameter(
        `1 validation error detected: Value at 'domain' failed to satisfy constraint: Member must be a fully qualified domain name`,
      );
    }
    return;
  }
  if (!PREFIX_DOMAIN.test(domain)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?",
    );
  }
  const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
  if (reserved !== undefined) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`);
}

/**
 * User pool domains: which pool each domain serves (the hosted endpoints find their pool by it), one domain a
 * pool, each name taken once across the service (AWS's prefixes are unique in a region).
 */
export class UserPoolDomains {
  readonly #store: CognitoStore;
  readonly #config: ServiceConfig;

  constructor(store: CognitoStore, config: ServiceConfig) {
    this.#store = store;
    this.#config = config;
  }

  /** The pool a domain serves, or undefined for a domain no pool has. */
  poolOfDomain(domain: string): string | undefined {
    return this.#store.oauth.getDomain(domain)?.UserPoolId;
  }

  find(domain: string): UserPoolDomainRecord | undefined {
    return this.#store.oauth.getDomain(domain);
  }

  /** The pool's domain, if it has one. */
  domainOfPool(poolId: string): UserPoolDomainRecord | undefined {
    return this.#store.oauth.domainOfPool(poolId);
  }

  create(input: DomainInput): UserPoolDomainRecord {
    const custom = input.CustomDomainConfig !== undefined;
    checkDomainName(input.Domain, custom);
    if (this.#store.oauth.getDomain(input.Domain) !== undefined) {
      // AWS's words, whichever pool holds the name (the asking pool's own included).
      throw invalidParameter('Domain already associated with another user pool.');
    }
    if (this.#store.oauth.domainOfPool(input.UserPoolId) !== undefined) {
      // [?] AWS allows one domain a pool (a prefix or a custom one); its message for a second one is not
      // documented anywhere we found.
      throw invalidParameter(`User pool ${input.UserPoolId} already has a domain configured.`);
    }
    const record: UserPoolDomainRecord = {
      UserPoolId: input.UserPoolId,
      Domain: input.Domain,
      ...(custom
        ? { CustomDomainConfig: { CertificateArn: input.CustomDomainConfig?.CertificateArn ?? '' } }
        : {}),
      ...(input.ManagedLoginVersion === undefined ? {} : { ManagedLoginVersion: input.ManagedLoginVersion }),
      CreationDate: this.#config.now(),
    };
    if (!this.#store.oauth.insertDomain(record))
      throw invalidParameter('Domain already associated with another user pool.');
    return record;
  }

  /** The domain of `poolId` named `domain`, or ResourceNotFoundException. */
  require(poolId: string, domain: string): UserPoolDomainRecord {
    const record = this.#store.oauth.getDomain(domain);
    if (record === undefined || record.UserPoolId !== poolId) {
      throw resourceNotFound(`Domain ${domain} does not exist for user pool ${poolId}.`);
    }
    return record;
  }

  /** UpdateUserPoolDomain: a custom domain's certificate, or the managed login version. */
  update(input: DomainInput): UserPoolDomainRecord {
    const record = this.require(input.UserPoolId, input.Domain);
    const certificate = input.CustomDomainConfig?.CertificateArn;
    if (certificate !== undefined) record.CustomDomainConfig = { CertificateArn: certificate };
    if (input.ManagedLoginVersion !== undefined) record.ManagedLoginVersion = input.ManagedLoginVersion;
    this.#store.oauth.updateDomain(record);
    return record;
  }

  delete(poolId: string, domain: string): void {
    this.require(poolId, domain);
    this.#store.oauth.deleteDomain(domain);
  }
}
