import { CognitoException } from './cognito-error.js';

/**
 * How one member of an operation's input is checked (the subset of the AWS model we enforce). An `object`
 * with `members` is checked member by member, at any depth, with the same messages as the top level.
 */
export type FieldSpec =
  | {
      type: 'string';
      required?: boolean;
      min?: number;
      max?: number;
      pattern?: RegExp;
      enum?: readonly string[];
    }
  | { type: 'boolean'; required?: boolean }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'map'; required?: boolean }
  | { type: 'attributes'; required?: boolean }
  | {
      type: 'stringList';
      required?: boolean;
      enum?: readonly string[];
      /** Most items the list may hold. */
      max?: number;
      /** The constraints of each item (AWS's member shape: length and pattern). */
      item?: StringItemSpec;
    }
  | { type: 'object'; required?: boolean; members?: InputSpec }
  | {
      type: 'list';
      required?: boolean;
      max?: number;
      /** The members of each item, checked as an object's (`scopes.1.member.scopeName`). */
      item?: InputSpec;
    };

/** The constraints of one item of a string list. */
export interface StringItemSpec {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export interface InputSpec {
  readonly [member: string]: FieldSpec;
}

/** A `{Name, Value}` pair, as `UserAttributes` carries them. */
export interface AttributePair {
  Name: string;
  Value?: string;
}

type FieldValue<F extends FieldSpec> = F extends { type: 'string'; enum: readonly (infer E)[] }
  ? E
  : F extends { type: 'string' }
    ? string
    : F extends { type: 'boolean' }
      ? boolean
      : F extends { type: 'integer' }
        ? number
        : F extends { type: 'map' }
          ? Record<string, string>
          : F extends { type: 'attributes' }
            ? AttributePair[]
            : F extends { type: 'stringList' }
              ? string[]
              : F extends { type: 'list' }
                ? Record<string, unknown>[]
                : F extends { members: infer M extends InputSpec }
                  ? ValidInput<M>
                  : Record<string, unknown>;

/** The checked input of an operation whose members are described by `S`. */
export type ValidInput<S extends InputSpec> = {
  [K in keyof S as S[K] extends { required: true } ? K : never]: FieldValue<S[K]>;
} & {
  [K in keyof S as S[K] extends { required: true } ? never : K]?: FieldValue<S[K]>;
};

/**
 * AWS names members in validation messages by their path in lower camel case, each part with a lower-case
 * first letter: `clientId`, `policies.passwordPolicy.minimumLength`.
 */
function memberPath(prefix: string, field: string): string {
  const name = field.charAt(0).toLowerCase() + field.slice(1);
  return prefix === '' ? name : `${prefix}.${name}`;
}

function serializationError(path: string, expected: string): CognitoException {
  return new CognitoException(
    'SerializationException',
    `Unexpected value type for '${path}': expected ${expected}`,
  );
}

/** AWS's words for one broken constraint, shared by every member at every depth. */
const constraint = {
  notNull: (path: string) => `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  minLength: (path: string, min: number) =>
    `Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
  maxLength: (path: string, max: number) =>
    `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  pattern: (path: string, pattern: RegExp) =>
    `Value at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '')}`,
  enum: (value: string, path: string, values: readonly string[]) =>
    `Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
  minValue: (value: number, path: string, min: number) =>
    `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
  maxValue: (value: number, path: string, max: number) =>
    `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
};

function checkString(value: unknown, rule: FieldSpec & { type: 'string' }, path: string, problems: string[]) {
  if (typeof value !== 'string') throw serializationError(path, 'a string');
  if (rule.min !== undefined && value.length < rule.min) problems.push(constraint.minLength(path, rule.min));
  else if (rule.max !== undefined && value.length > rule.max)
    problems.push(constraint.maxLength(path, rule.max));
  else if (rule.pattern !== undefined && !rule.pattern.test(value))
    problems.push(constraint.pattern(path, rule.pattern));
  else if (rule.enum !== undefined && !rule.enum.includes(value))
    problems.push(constraint.enum(value, path, rule.enum));
}

function checkInteger(
  value: unknown,
  rule: FieldSpec & { type: 'integer' },
  path: string,
  problems: string[],
) {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(path, 'an integer');
  if (rule.min !== undefined && value < rule.min) problems.push(constraint.minValue(value, path, rule.min));
  else if (rule.max !== undefined && value > rule.max)
    problems.push(constraint.maxValue(value, path, rule.max));
}

/** AWS names every broken constraint of a list's items in one problem, in the order its model lists them. */
function checkStringItems(value: string[], rule: StringItemSpec, path: string, problems: string[]): void {
  const broken = new Set<string>();
  for (const item of value) {
    if (rule.max !== undefined && item.length > rule.max)
      broken.add(`Member must have length less than or equal to ${rule.max}`);
    if (rule.min !== undefined && item.length < rule.min)
      broken.add(`Member must have length greater than or equal to ${rule.min}`);
    if (rule.pattern !== undefined && !rule.pattern.test(item))
      broken.add(
        `Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`,
      );
  }
  if (broken.size > 0) {
    problems.push(
      `Value '[${value.join(', ')}]' at '${path}' failed to satisfy constraint: Member must satisfy constraint: [${[...broken].join(', ')}]`,
    );
  }
}

function checkAttributePairs(value: unknown, path: string, problems: string[]) {
  if (!Array.isArray(value)) throw serializationError(path, 'a list of {Name, Value}');
  value.forEach((item, i) => {
    const at = `${path}.${i + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw serializationError(at, 'an object');
    const pair = item as Record<string, unknown>;
    if (typeof pair.Name !== 'string') {
      if (pair.Name !== undefined && pair.Name !== null) throw serializationError(`${at}.Name`, 'a string');
      problems.push(constraint.notNull(`${at}.member.name`));
    } else if (pair.Name.length < 1 || pair.Name.length > 32) {
      problems.push(
        `Value at '${at}.member.name' failed to satisfy constraint: Member must have length between 1 and 32`,
      );
    }
    if (pair.Value !== undefined && pair.Value !== null && typeof pair.Value !== 'string') {
      throw serializationError(`${at}.Value`, 'a string');
    }
    if (typeof pair.Value === 'string' && pair.Value.length > 2048) {
      problems.push(constraint.maxLength(`${at}.member.value`, 2048));
    }
  });
}

/** Checks one present member; pushes constraint problems, throws on a wrong JSON type. */
function checkMember(value: unknown, rule: FieldSpec, path: string, problems: string[]): void {
  switch (rule.type) {
    case 'string':
      checkString(value, rule, path, problems);
      return;
    case 'integer':
      checkInteger(value, rule, path, problems);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw serializationError(path, 'a boolean');
      return;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw serializationError(path, 'a map');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== 'string') throw serializationError(`${path}.${k}`, 'a string');
      }
      return;
    case 'attributes':
      checkAttributePairs(value, path, problems);
      return;
    case 'stringList':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        throw serializationError(path, 'a list of strings');
      }
      if (rule.enum !== undefined && value.some((item) => !rule.enum?.includes(item))) {
        problems.push(
          `Value '[${value.join(', ')}]' at '${path}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${rule.enum.join(', ')}]]`,
        );
      }
      if (rule.max !== undefined && value.length > rule.max)
        problems.push(constraint.maxLength(path, rule.max));
      if (rule.item !== undefined) checkStringItems(value, rule.item, path, problems);
      return;
    case 'list':
      if (
        !Array.isArray(value) ||
        value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))
      ) {
        throw serializationError(path, 'a list of objects');
      }
      if (rule.max !== undefined && value.length > rule.max)
        problems.push(constraint.maxLength(path, rule.max));
      if (rule.item !== undefined) {
        const item = rule.item;
        value.forEach((v, i) => {
          checkMembers(v as Record<string, unknown>, item, `${path}.${i + 1}.member`, problems);
        });
      }
      return;
    case 'object':
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw serializationError(path, 'an object');
      if (rule.members !== undefined)
        checkMembers(value as Record<string, unknown>, rule.members, path, problems);
      return;
  }
}

function checkMembers(
  body: Record<string, unknown>,
  spec: InputSpec,
  prefix: string,
  problems: string[],
): void {
  for (const [field, rule] of Object.entries(spec)) {
    const value = body[field];
    const path = memberPath(prefix, field);
    if (value === undefined || value === null) {
      if (rule.required) problems.push(constraint.notNull(path));
      continue;
    }
    checkMember(value, rule, path, problems);
  }
}

/**
 * Checks an operation's JSON input against `spec` and returns it typed. Wrong JSON types become
 * `SerializationException`; missing members, lengths, ranges, patterns and enums become
 * `InvalidParameterException` with AWS's "N validation error(s) detected: …" message naming each member by
 * its path. Top-level members the spec does not list are dropped, as AWS ignores unknown members; a nested
 * object is kept as given once its listed members pass.
 */
export function validateInput<S extends InputSpec>(input: unknown, spec: S): ValidInput<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CognitoException('SerializationException', 'Request body must be a JSON object');
  }
  const body = input as Record<string, unknown>;
  const problems: string[] = [];
  checkMembers(body, spec, '', problems);
  if (problems.length > 0) {
    const count =
      problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw new CognitoException('InvalidParameterException', `${count}: ${problems.join('; ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(spec)) {
    const value = body[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out as ValidInput<S>;
}

/** Common members, as the AWS model constrains them. */
export const Fields = {
  userPoolId: { type: 'string', required: true, min: 1, max: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/ },
  clientId: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w+]+$/ },
  username: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u },
  password: { type: 'string', required: true, min: 0, max: 256, pattern: /^[\S]+$/ },
  secretHash: { type: 'string', min: 1, max: 128, pattern: /^[\w+=/]+$/ },
  code: { type: 'string', required: true, min: 1, max: 2048, pattern: /^[\S]+$/ },
  accessToken: { type: 'string', required: true, pattern: /^[A-Za-z0-9_=.-]+$/ },
  groupName: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u },
  limit60: { type: 'integer', min: 0, max: 60 },
  nextToken: { type: 'string', min: 1 },
  clientMetadata: { type: 'map' },
  attributes: { type: 'attributes' },
  analytics: { type: 'object' },
} as const satisfies Record<string, FieldSpec>;

/** The input of the public operations that name a user through an app client (ResendConfirmationCode, ForgotPassword…). */
export const clientUserSpec = {
  ClientId: Fields.clientId,
  SecretHash: Fields.secretHash,
  Username: Fields.username,
  ClientMetadata: Fields.clientMetadata,
  AnalyticsMetadata: Fields.analytics,
  UserContextData: Fields.analytics,
} as const;
