import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../src/cognito/cognito-error.js';
import { Fields, type InputSpec, validateInput } from '../../src/cognito/input-validation.js';

const spec = {
  ClientId: Fields.clientId,
  Username: Fields.username,
  Limit: Fields.limit60,
  Flag: { type: 'boolean' },
  Mode: { type: 'string', enum: ['A', 'B'] },
  Meta: { type: 'map' },
  Attrs: { type: 'attributes' },
  Names: { type: 'stringList', enum: ['x', 'y'] },
  Items: { type: 'list', max: 2 },
  Config: { type: 'object' },
  Urls: { type: 'stringList', max: 2, item: { min: 1, max: 10, pattern: /^[a-z:/.]+$/ } },
  Pairs: { type: 'list', item: { Key: { type: 'string', required: true, min: 1, max: 3 } } },
} as const satisfies InputSpec;

const base = { ClientId: 'abc123', Username: 'alice' };

function failure(input: unknown): CognitoException {
  try {
    validateInput(input, spec);
  } catch (err) {
    if (err instanceof CognitoException) return err;
    throw err;
  }
  throw new Error('input was accepted');
}

describe('validateInput', () => {
  it('returns the checked members and drops unknown ones', () => {
    expect(validateInput({ ...base, Limit: 5, Extra: 'ignored' }, spec)).toEqual({ ...base, Limit: 5 });
  });

  it.each([
    [
      'a missing required member',
      { Username: 'alice' },
      'InvalidParameterException',
      "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a null required member',
      { ...base, ClientId: null },
      'InvalidParameterException',
      "Value null at 'clientId'",
    ],
    [
      'a string too long',
      { ...base, ClientId: 'a'.repeat(129) },
      'InvalidParameterException',
      "at 'clientId' failed to satisfy constraint: Member must have length less than or equal to 128",
    ],
    [
      'a string too short',
      { ...base, Username: '' },
      'InvalidParameterException',
      "at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a pattern mismatch',
      { ...base, ClientId: 'has space' },
      'InvalidParameterException',
      "at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'an integer over the maximum',
      { ...base, Limit: 61 },
      'InvalidParameterException',
      "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    ],
    [
      'an integer under the minimum',
      { ...base, Limit: -1 },
      'InvalidParameterException',
      "Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [
      'a value outside an enum',
      { ...base, Mode: 'C' },
      'InvalidParameterException',
      "Value 'C' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [A, B]",
    ],
    [
      'a list value outside an enum',
      { ...base, Names: ['x', 'z'] },
      'InvalidParameterException',
      "at 'names' failed to satisfy constraint",
    ],
    [
      'a list too long',
      { ...base, Items: [{}, {}, {}] },
      'InvalidParameterException',
      "at 'items' failed to satisfy constraint: Member must have length less than or equal to 2",
    ],
    [
      'a string list longer than its maximum',
      { ...base, Urls: ['a', 'b', 'c'] },
      'InvalidParameterException',
      "Value at 'urls' failed to satisfy constraint: Member must have length less than or equal to 2",
    ],
    [
      'string list items that break their constraints',
      { ...base, Urls: ['https://a.example/long', 'A'] },
      'InvalidParameterException',
      "Value '[https://a.example/long, A]' at 'urls' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 10, Member must satisfy regular expression pattern: [a-z:/.]+]",
    ],
    [
      'an empty string list item',
      { ...base, Urls: [''] },
      'InvalidParameterException',
      'Member must satisfy constraint: [Member must have length greater than or equal to 1, Member must satisfy regular expression pattern',
    ],
    [
      'a list item without a required member',
      { ...base, Pairs: [{ Key: 'a' }, {}] },
      'InvalidParameterException',
      "Value null at 'pairs.2.member.key' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a list item whose member is too long',
      { ...base, Pairs: [{ Key: 'abcd' }] },
      'InvalidParameterException',
      "Value at 'pairs.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 3",
    ],
    [
      'a list item whose member has the wrong type',
      { ...base, Pairs: [{ Key: 1 }] },
      'SerializationException',
      "'pairs.1.member.key': expected a string",
    ],
    [
      'an attribute without a name',
      { ...base, Attrs: [{ Value: 'x' }] },
      'InvalidParameterException',
      "Value null at 'attrs.1.member.name'",
    ],
    [
      'a string where a number belongs',
      { ...base, Limit: '5' },
      'SerializationException',
      "'limit': expected an integer",
    ],
    [
      'a fraction where an integer belongs',
      { ...base, Limit: 1.5 },
      'SerializationException',
      "'limit': expected an integer",
    ],
    [
      'a number where a string belongs',
      { ...base, Username: 42 },
      'SerializationException',
      "'username': expected a string",
    ],
    [
      'a string where a boolean belongs',
      { ...base, Flag: 'true' },
      'SerializationException',
      "'flag': expected a boolean",
    ],
    [
      'a map with a non-string value',
      { ...base, Meta: { a: 1 } },
      'SerializationException',
      "'meta.a': expected a string",
    ],
    [
      'an array where a map belongs',
      { ...base, Meta: ['a'] },
      'SerializationException',
      "'meta': expected a map",
    ],
    [
      'an object where attributes belong',
      { ...base, Attrs: { Name: 'x' } },
      'SerializationException',
      "'attrs'",
    ],
    [
      'a non-string attribute value',
      { ...base, Attrs: [{ Name: 'x', Value: 5 }] },
      'SerializationException',
      "'attrs.1.Value'",
    ],
    [
      'a list of scalars where objects belong',
      { ...base, Items: [1] },
      'SerializationException',
      "'items': expected a list of objects",
    ],
    [
      'an array where an object belongs',
      { ...base, Config: [] },
      'SerializationException',
      "'config': expected an object",
    ],
    ['a body that is not an object', 'text', 'SerializationException', 'JSON object'],
    ['a null body', null, 'SerializationException', 'JSON object'],
  ])('refuses %s', (_what, input, name, message) => {
    const err = failure(input);
    expect(err.name).toBe(name);
    expect(err.message).toContain(message);
    expect(err.statusCode).toBe(400);
  });

  it('reports every constraint violation at once', () => {
    const err = failure({ ClientId: 'a b', Limit: 99 });
    expect(err.message).toMatch(/^3 validation errors detected: /);
  });
});
