import { CognitoException } from './cognito-error.js';

/** How one top-level member of an operation's input is checked (the subset of the AWS model we enforce). */
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
  | { type: 'stringList'; required?: boolean; enum?: readonly string[] }
  | { type: 'object'; required?: boolean }
  | { type: 'list'; required?: boolean; max?: number };

export type InputSpec = Record<string, FieldSpec>;

/** A `{Name, Value}` pair, as `UserAttributes` carries them. */
export interface AttributePair {
  Name: string;
  Value?: string;
}

type FieldValue<F extends FieldSpec> = F extends { type: 'string' }
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
              : Record<string, unknown>;

/** The checked input of an operation whose members are described by `S`. */
export type ValidInput<S extends InputSpec> = {
  [K in keyof S as S[K] extends { required: true } ? K : never]: FieldValue<S[K]>;
} & {
  [K in keyof S as S[K] extends { required: true } ? never : K]?: FieldValue<S[K]>;
};

/** AWS names members in validation messages with a lower-case first letter (`'clientId'`). */
function memberName(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}

function serializationError(field: string, expected: string): CognitoException {
  return new CognitoException(
    'SerializationException',
    `Unexpected value type for '${memberName(field)}': expected ${expected}`,
  );
}

/**
 * Checks an operation's JSON input against `spec` and returns it typed. Wrong JSON types become
 * `SerializationException`; missing members, lengths, ranges, patterns and enums become
 * `InvalidParameterException` with AWS's "N validation error(s) detected: …" message naming each member.
 * Members the spec does not list are ignored, as AWS ignores unknown members.
 */
export function validateInput<S extends InputSpec>(input: unknown, spec: S): ValidInput<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CognitoException('SerializationException', 'Request body must be a JSON object');
  }
  const body = input as Record<string, unknown>;
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(spec)) {
    const value = body[field];
    const name = memberName(field);
    if (value === undefined || value === null) {
      if (rule.required)
        problems.push(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    switch (rule.type) {
      case 'string': {
        if (typeof value !== 'string') throw serializationError(field, 'a string');
        if (rule.min !== undefined && value.length < rule.min) {
          problems.push(
            `Value at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
          );
        } else if (rule.max !== undefined && value.length > rule.max) {
          problems.push(
            `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
          );
        } else if (rule.pattern !== undefined && !rule.pattern.test(value)) {
          problems.push(
            `Value at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`,
          );
        } else if (rule.enum !== undefined && !rule.enum.includes(value)) {
          problems.push(
            `Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${rule.enum.join(', ')}]`,
          );
        }
        break;
      }
      case 'boolean':
        if (typeof value !== 'boolean') throw serializationError(field, 'a boolean');
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw serializationError(field, 'an integer');
        if (rule.min !== undefined && value < rule.min) {
          problems.push(
            `Value '${value}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${rule.min}`,
          );
        } else if (rule.max !== undefined && value > rule.max) {
          problems.push(
            `Value '${value}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${rule.max}`,
          );
        }
        break;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(field, 'a map');
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (typeof v !== 'string') throw serializationError(`${field}.${k}`, 'a string');
        }
        break;
      case 'attributes':
        if (!Array.isArray(value)) throw serializationError(field, 'a list of {Name, Value}');
        value.forEach((item, i) => {
          if (item === null || typeof item !== 'object' || Array.isArray(item)) {
            throw serializationError(`${field}.${i + 1}`, 'an object');
          }
          const pair = item as Record<string, unknown>;
          if (typeof pair.Name !== 'string') {
            if (pair.Name === undefined || pair.Name === null) {
              problems.push(
                `Value null at '${name}.${i + 1}.member.name' failed to satisfy constraint: Member must not be null`,
              );
            } else throw serializationError(`${field}.${i + 1}.Name`, 'a string');
          } else if (pair.Name.length < 1 || pair.Name.length > 32) {
            problems.push(
              `Value at '${name}.${i + 1}.member.name' failed to satisfy constraint: Member must have length between 1 and 32`,
            );
          }
          if (pair.Value !== undefined && pair.Value !== null && typeof pair.Value !== 'string') {
            throw serializationError(`${field}.${i + 1}.Value`, 'a string');
          }
          if (typeof pair.Value === 'string' && pair.Value.length > 2048) {
            problems.push(
              `Value at '${name}.${i + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048`,
            );
          }
        });
        break;
      case 'stringList':
        if (!Array.isArray(value)) throw serializationError(field, 'a list of strings');
        for (const item of value) {
          if (typeof item !== 'string') throw serializationError(field, 'a list of strings');
          if (rule.enum !== undefined && !rule.enum.includes(item)) {
            problems.push(
              `Value '[${value.join(', ')}]' at '${name}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${rule.enum.join(', ')}]]`,
            );
            break;
          }
        }
        break;
      case 'list':
        if (
          !Array.isArray(value) ||
          value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))
        ) {
          throw serializationError(field, 'a list of objects');
        }
        if (rule.max !== undefined && value.length > rule.max) {
          problems.push(
            `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
          );
        }
        break;
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(field, 'an object');
        break;
    }
    out[field] = value;
  }
  if (problems.length > 0) {
    const count =
      problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw new CognitoException('InvalidParameterException', `${count}: ${problems.join('; ')}`);
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
