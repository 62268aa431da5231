import { invalidParameter } from './cognito-error.js';
import type { SchemaAttribute } from './cognito-types.js';

/** A schema attribute as CreateUserPool and AddCustomAttributes take it (the SDK's `SchemaAttributeType`), unchecked. */
type RawSchemaAttribute = {
  readonly [K in
    | 'Name'
    | 'AttributeDataType'
    | 'DeveloperOnlyAttribute'
    | 'Mutable'
    | 'Required'
    | 'StringAttributeConstraints'
    | 'NumberAttributeConstraints']?: unknown;
};

/**
 * The standard attributes of every pool, in the order CreateUserPool and DescribeUserPool answer with them (as
 * AWS's own describe-user-pool sample and real pools show).
 */
export const STANDARD_NAMES = [
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
] as const;

/**
 * A standard attribute with the fields AWS answers for it: strings allow 0–2048 characters (`sub` 1–2048,
 * `birthdate` exactly 10), the `*_verified` flags are Booleans without constraints, `updated_at` is a Number
 * from 0; only `sub` is required and immutable.
 */
function standardAttribute(name: (typeof STANDARD_NAMES)[number]): SchemaAttribute {
  const type = name.endsWith('_verified') ? 'Boolean' : name === 'updated_at' ? 'Number' : 'String';
  const [min, max] = name === 'sub' ? ['1', '2048'] : name === 'birthdate' ? ['10', '10'] : ['0', '2048'];
  return {
    Name: name,
    AttributeDataType: type,
    DeveloperOnlyAttribute: false,
    Mutable: name !== 'sub',
    Required: name === 'sub',
    ...(type === 'String' ? { StringAttributeConstraints: { MinLength: min, MaxLength: max } } : {}),
    ...(type === 'Number' ? { NumberAttributeConstraints: { MinValue: '0' } } : {}),
  };
}

const STANDARD_SCHEMA: readonly SchemaAttribute[] = STANDARD_NAMES.map(standardAttribute);

/**
 * `identities` (the linked federated identities) is listed by AWS after the standard attributes on newer
 * pools, with empty string constraints. Cognito alone writes it, so it is only described, never stored in the
 * schema that attribute writes are checked against (a write of it is refused as an unknown attribute).
 */
const IDENTITIES: SchemaAttribute = {
  Name: 'identities',
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: {},
};

const STANDARD_BY_NAME: ReadonlyMap<string, SchemaAttribute> = new Map(
  STANDARD_SCHEMA.map((a) => [a.Name, a]),
);

const DATA_TYPES: readonly string[] = ['String', 'Number', 'DateTime', 'Boolean'];

/** One attribute with AWS's members in AWS's order, constraints only where the type has them. */
function shaped(a: SchemaAttribute): SchemaAttribute {
  return {
    Name: a.Name,
    AttributeDataType: a.AttributeDataType,
    DeveloperOnlyAttribute: a.DeveloperOnlyAttribute === true,
    Mutable: a.Mutable,
    Required: a.Required,
    ...(a.AttributeDataType === 'String'
      ? { StringAttributeConstraints: a.StringAttributeConstraints ?? {} }
      : {}),
    ...(a.AttributeDataType === 'Number'
      ? { NumberAttributeConstraints: a.NumberAttributeConstraints ?? {} }
      : {}),
  };
}

/**
 * A custom attribute from CreateUserPool's `Schema` or AddCustomAttributes, named `custom:<name>`. Custom
 * attributes cannot be required; without constraints AWS lists them with empty ones.
 */
function customAttribute(raw: RawSchemaAttribute, name: string): SchemaAttribute {
  const type = raw.AttributeDataType ?? 'String';
  if (typeof type !== 'string' || !DATA_TYPES.includes(type)) {
    throw invalidParameter(`Invalid AttributeDataType for ${name}.`);
  }
  if (raw.Required === true)
    throw invalidParameter('Required custom attributes are not supported currently.');
  const constraints = (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : undefined;
  return shaped({
    Name: name,
    AttributeDataType: type as SchemaAttribute['AttributeDataType'],
    DeveloperOnlyAttribute: raw.DeveloperOnlyAttribute === true,
    Mutable: raw.Mutable !== false,
    Required: false,
    ...(constraints(raw.StringAttributeConstraints) === undefined
      ? {}
      : {
          StringAttributeConstraints: constraints(raw.StringAttributeConstraints) as { MinLength?: string },
        }),
    ...(constraints(raw.NumberAttributeConstraints) === undefined
      ? {}
      : { NumberAttributeConstraints: constraints(raw.NumberAttributeConstraints) as { MinValue?: string } }),
  });
}

/**
 * The schema of a new pool: the standard attributes (as `Schema` adjusts them: required, mutable,
 * constraints) in AWS's order, then the custom ones in the order given.
 */
export function buildSchema(input: readonly RawSchemaAttribute[] | undefined): SchemaAttribute[] {
  const standard = new Map(STANDARD_SCHEMA.map((a) => [a.Name, { ...a }]));
  const custom = new Map<string, SchemaAttribute>();
  for (const raw of input ?? []) {
    const given = typeof raw.Name === 'string' ? raw.Name : '';
    if (given === '') throw invalidParameter('Schema attribute name is required.');
    const base = standard.get(given);
    if (base === undefined) {
      const name = given.startsWith('custom:') ? given : `custom:${given}`;
      custom.set(name, customAttribute(raw, name));
      continue;
    }
    if (raw.AttributeDataType !== undefined && raw.AttributeDataType !== base.AttributeDataType) {
      throw invalidParameter(`Invalid AttributeDataType for ${given}.`);
    }
    if (given !== 'sub') {
      if (typeof raw.Required === 'boolean') base.Required = raw.Required;
      if (typeof raw.Mutable === 'boolean') base.Mutable = raw.Mutable;
    }
    const sc = raw.StringAttributeConstraints;
    if (base.AttributeDataType === 'String' && sc !== null && typeof sc === 'object' && !Array.isArray(sc)) {
      base.StringAttributeConstraints = {
        ...base.StringAttributeConstraints,
        ...(sc as Record<string, string>),
      };
    }
  }
  return [...standard.values(), ...custom.values()];
}

/** Custom attributes for AddCustomAttributes. */
export function buildCustomAttributes(input: readonly RawSchemaAttribute[]): SchemaAttribute[] {
  return input.map((raw) => {
    const given = typeof raw.Name === 'string' ? raw.Name : '';
    if (given === '') throw invalidParameter('Schema attribute name is required.');
    return customAttribute(raw, given.startsWith('custom:') ? given : `custom:${given}`);
  });
}

/**
 * `SchemaAttributes` as CreateUserPool and DescribeUserPool answer: the standard attributes in AWS's order,
 * `identities`, then the custom attributes (AWS lists them after the standard ones), each with every member.
 * Pools stored by earlier versions (alphabetical, members missing) come out the same way.
 */
export function describeSchema(stored: readonly SchemaAttribute[]): SchemaAttribute[] {
  const byName = new Map(stored.map((a) => [a.Name, a]));
  const standard = STANDARD_SCHEMA.map((a) => {
    const s = byName.get(a.Name);
    return shaped(
      s === undefined ? a : { ...a, Mutable: s.Mutable, Required: s.Required, ...pickConstraints(s, a) },
    );
  });
  const custom = stored.filter((a) => !STANDARD_BY_NAME.has(a.Name)).map(shaped);
  return [...standard, IDENTITIES, ...custom];
}

function pickConstraints(s: SchemaAttribute, standard: SchemaAttribute): Partial<SchemaAttribute> {
  return s.StringAttributeConstraints !== undefined && standard.AttributeDataType === 'String'
    ? { StringAttributeConstraints: s.StringAttributeConstraints }
    : {};
}
