import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../src/cognito/cognito-error.js';
import { paged, sdkOperation, targetedOperation } from '../../src/cognito/cognito-operation.js';
import { Fields } from '../../src/cognito/input-validation.js';
import type { Services } from '../../src/cognito/services.js';

const services = {} as Services;

async function answerOf(run: () => Promise<object>): Promise<object | string> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
}

describe('paged', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('answers the pages of a list under its member, with the next token until the last page', () => {
    const first = paged(items, (s) => s.toUpperCase(), { list: 'Names', limit: 2, token: undefined });
    expect(first.Names).toEqual(['A', 'B']);
    const second = paged(items, (s) => s.toUpperCase(), { list: 'Names', limit: 2, token: first.NextToken });
    expect(second.Names).toEqual(['C', 'D']);
    const last = paged(items, (s) => s.toUpperCase(), { list: 'Names', limit: 2, token: second.NextToken });
    expect(last).toEqual({ Names: ['E'] });
  });

  it('names the token as the operation does', () => {
    const page = paged(items, (s) => s, {
      list: 'Users',
      limit: 1,
      token: undefined,
      tokenKey: 'PaginationToken',
    });
    expect(Object.keys(page)).toEqual(['Users', 'PaginationToken']);
  });

  it.each<[number | undefined, number]>([
    [undefined, 5],
    [0, 5],
    [3, 3],
  ])('with limit %j answers %i items', (limit, count) => {
    expect(paged(items, (s) => s, { list: 'L', limit, token: undefined }).L).toHaveLength(count);
  });

  it('describes each item alone, not with its index', () => {
    const seen: unknown[][] = [];
    paged(items, (...args: unknown[]) => seen.push(args), { list: 'L', limit: 2, token: undefined });
    expect(seen).toEqual([['a'], ['b']]);
  });

  it.each(['garbage', Buffer.from('o:-1').toString('base64url'), Buffer.from('x:1').toString('base64url')])(
    'refuses the token %j as AWS refuses a foreign one',
    (token) => {
      expect(() => paged(items, (s) => s, { list: 'L', limit: 2, token })).toThrow(
        'Invalid pagination token.',
      );
    },
  );
});

describe('sdkOperation', () => {
  it('answers {} for a handler with nothing to answer', async () => {
    const op = sdkOperation<{ Name?: string }>()('Nothing', 'none', { Name: { type: 'string' } }, () => {});
    expect(await op.run(services, {})).toEqual({});
  });
});

describe('targetedOperation', () => {
  const found: string[] = [];
  const named = targetedOperation('sigv4', (_s, input: { Id: string }) => {
    found.push(input.Id);
    if (input.Id === 'us-east-1_missing')
      throw new CognitoException('ResourceNotFoundException', 'Not here.');
    return { id: input.Id };
  });
  const op = named<{ Id?: string; Limit?: number }>()(
    'Describe',
    { Id: Fields.userPoolId, Limit: Fields.limit60 },
    (_s, target, input) => ({ target: target.id, limit: input.Limit ?? null }),
  );

  it('hands the handler what it found, and keeps the auth it was made with', async () => {
    expect(op.auth).toBe('sigv4');
    expect(await answerOf(() => op.run(services, { Id: 'us-east-1_a', Limit: 3 }))).toEqual({
      target: 'us-east-1_a',
      limit: 3,
    });
  });

  it('answers with the error finding throws', async () => {
    expect(await answerOf(() => op.run(services, { Id: 'us-east-1_missing' }))).toBe(
      'ResourceNotFoundException: Not here.',
    );
  });

  it('checks the input before finding anything', async () => {
    found.length = 0;
    expect(await answerOf(() => op.run(services, { Id: 'us-east-1_a', Limit: 61 }))).toMatch(
      /^InvalidParameterException: 1 validation error detected/,
    );
    expect(found).toEqual([]);
  });
});
