import { describe, expect, it } from 'vitest';
import { buildCustomAttributes, buildSchema, describeSchema } from '../../src/cognito/pool-schema.js';

describe('pool schema', () => {
  it('describes a schema stored by an earlier version (alphabetical, members missing) in AWS order', () => {
    const stored = [
      { Name: 'address', AttributeDataType: 'String' as const, Mutable: true, Required: false },
      { Name: 'custom:team', AttributeDataType: 'String' as const, Mutable: true, Required: false },
      { Name: 'sub', AttributeDataType: 'String' as const, Mutable: false, Required: true },
      { Name: 'email', AttributeDataType: 'String' as const, Mutable: true, Required: true },
    ];
    const described = describeSchema(stored);
    expect(described.map((a) => a.Name).slice(0, 3)).toEqual(['sub', 'name', 'given_name']);
    expect(described.at(-1)).toEqual({
      Name: 'custom:team',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: {},
    });
    expect(described.find((a) => a.Name === 'email')).toMatchObject({
      Required: true,
      StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
    });
  });

  it.each([
    ['a required custom attribute', [{ Name: 'x', Required: true }], 'Required custom attributes'],
    ['an unknown data type', [{ Name: 'x', AttributeDataType: 'Blob' }], 'Invalid AttributeDataType'],
    ['a standard attribute with another type', [{ Name: 'email', AttributeDataType: 'Number' }], 'Invalid'],
    ['a nameless attribute', [{ AttributeDataType: 'String' }], 'name is required'],
  ])('refuses %s', (_, schema, message) => {
    expect(() => buildSchema(schema)).toThrow(message);
  });

  it.each(['__proto__', 'constructor', 'toString'])('names a custom attribute %s custom:%s', (name) => {
    expect(buildCustomAttributes([{ Name: name }])[0]?.Name).toBe(`custom:${name}`);
  });
});
