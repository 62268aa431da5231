/** Base of every error the Gatehouse CDK app raises, so callers can tell its failures from CDK's own. */
export abstract class InfraError extends Error {
  abstract override readonly name: string;
}

/** The app's configuration (CDK context or stack props) is missing something or holds a bad value. */
export class InfraConfigError extends InfraError {
  override readonly name = 'InfraConfigError';
}

/** A Lambda asset folder the stack deploys is missing: the api has not been built. */
export class MissingAssetError extends InfraError {
  override readonly name = 'MissingAssetError';
}
