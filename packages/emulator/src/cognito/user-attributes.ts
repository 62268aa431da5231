import { invalidParameter, notAuthorized } from './cognito-error.js';
import type { UserPool } from './cognito-types.js';
import type { AttributePair } from './input-validation.js';

/** The standard OpenID Connect attributes every pool has. */
export const STANDARD_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
] as const;

const STANDARD_NAMES: ReadonlySet<string> = new Set(['sub', ...STANDARD_ATTRIBUTES]);

/** Whether `name` is one of the attributes every pool has (`sub` or a standard OIDC one), not a custom one. */
export function isStandardAttribute(name: string): boolean {
  return STANDARD_NAMES.has(name);
}

const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);
// Whitespace, '@' and control characters (which could drive the terminal the local outbox prints to) are
// never part of an address's local part or domain.
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/** Whether a value has the shape of an email address, as Cognito's `email` attribute requires. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}
const PHONE = /^\+[0-9]{4,15}$/;

function schemaError(name: string, why: string): Error {
  return invalidParameter(`Attributes did not conform to the schema: ${name}: ${why}`);
}

/** Who is writing attributes: the user themself (public operations) or an administrator. */
export type AttributeWriter = 'user' | 'admin';

/** An attribute as requests carry it (the SDK's `AttributeType`). */
export interface WrittenAttribute {
  Name?: string | undefined;
  Value?: string | undefined;
}

/**
 * Checks attribute writes against the pool's schema and returns them as a name → value map (an empty
 * value means "delete" for updates). Users may not write `*_verified` (Cognito sets those) nor immutable
 * attributes once set.
 */
export function checkAttributes(
  pool: UserPool,
  pairs: readonly WrittenAttribute[] | undefined,
  writer: AttributeWriter,
  existing?: Record<string, string>,
): Record<string, string> {
  // Null prototype: names come from the caller (a name like `__proto__` is refused by the schema check, and
  // must never reach Object.prototype on the way).
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs ?? []) {
    // The input spec has refused pairs without a name already.
    const name = pair.Name ?? '';
    const value = pair.Value ?? '';
    const schema = pool.SchemaAttributes.find((a) => a.Name === name);
    if (schema === undefined) throw schemaError(name, 'Attribute does not exist in the schema.');
    if (name === 'sub')
      throw schemaError(name, 'Attribute cannot be updated. (changing an immutable attribute)');
    if (writer === 'user' && (BOOLEAN_ATTRIBUTES.has(name) || schema.DeveloperOnlyAttribute === true)) {
      throw notAuthorized('A client attempted to write unauthorized attribute');
    }
    if (
      existing !== undefined &&
      !schema.Mutable &&
      existing[name] !== undefined &&
      existing[name] !== value
    ) {
      throw schemaError(name, 'Attribute cannot be updated. (changing an immutable attribute)');
    }
    if (value !== '') {
      if (name === 'email' && !isEmailAddress(value)) throw invalidParameter('Invalid email address format.');
      if (name === 'phone_number' && !PHONE.test(value))
        throw invalidParameter('Invalid phone number format.');
      if (BOOLEAN_ATTRIBUTES.has(name) && value !== 'true' && value !== 'false') {
        throw schemaError(name, 'Attribute value must be true or false.');
      }
      if (schema.AttributeDataType === 'Number' && !/^-?\d+(\.\d+)?$/.test(value)) {
        throw schemaError(name, 'Number must be a valid number.');
      }
      const max = Number(schema.StringAttributeConstraints?.MaxLength ?? 2048);
      const min = Number(schema.StringAttributeConstraints?.MinLength ?? 0);
      if (schema.AttributeDataType === 'String' && (value.length > max || value.length < min)) {
        throw schemaError(
          name,
          `String must be no fewer than ${min} and no more than ${max} characters long.`,
        );
      }
    }
    out[name] = value;
  }
  return out;
}

/**
 * Checks the names of DeleteUserAttributes / AdminDeleteUserAttributes and returns them as updates that
 * delete (empty values). The rules are those of a write of an empty value: names outside the schema, `sub`
 * and set immutable attributes are refused, a user may not delete `*_verified` flags or developer-only
 * attributes; and a required attribute cannot be deleted. A name the user has no value for deletes nothing.
 */
export function checkAttributeDeletes(
  pool: UserPool,
  names: readonly string[],
  writer: AttributeWriter,
  existing: Record<string, string>,
): Record<string, string> {
  const updates = checkAttributes(
    pool,
    names.map((Name) => ({ Name, Value: '' })),
    writer,
    existing,
  );
  for (const name of Object.keys(updates)) {
    if (pool.SchemaAttributes.some((a) => a.Name === name && a.Required)) {
      throw schemaError(name, 'The attribute is required');
    }
  }
  return updates;
}

/** Throws when a required attribute is missing from `attributes`. */
export function checkRequiredAttributes(pool: UserPool, attributes: Record<string, string>): void {
  for (const a of pool.SchemaAttributes) {
    if (a.Required && a.Name !== 'sub' && (attributes[a.Name] ?? '') === '') {
      throw schemaError(a.Name, 'The attribute is required');
    }
  }
}

/** `[{Name, Value}]` for the wire, `sub` first as Cognito lists it. */
export function attributeList(sub: string, attributes: Record<string, string>): AttributePair[] {
  return [
    { Name: 'sub', Value: sub },
    ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  ];
}

/**
 * The attributes as Cognito issues them in ID tokens and in the NEW_PASSWORD_REQUIRED challenge: an `email`
 * (or `phone_number`) always comes with its `email_verified` (`phone_number_verified`), `"false"` when nothing
 * has verified it, as a real ID token of a user with an unverified address carries `"email_verified": false`.
 */
export function withVerificationFlags(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...attributes };
  for (const attr of ['email', 'phone_number'] as const) {
    const flag = `${attr}_verified`;
    if ((out[attr] ?? '') !== '' && !Object.hasOwn(out, flag)) out[flag] = 'false';
  }
  return out;
}

/** Whether an attribute's value is a boolean in tokens. */
export function isBooleanAttribute(name: string): boolean {
  return BOOLEAN_ATTRIBUTES.has(name);
}

/** `j***@e***` / `+*******1234`, as CodeDeliveryDetails.Destination hides the address. */
export function maskDestination(attribute: string, value: string): string {
  if (attribute === 'email') {
    const [local = '', domain = ''] = value.split('@');
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  return `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`;
}
