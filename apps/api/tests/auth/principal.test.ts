import { describe, expect, it } from 'vitest';
import { parsePrincipal, type UserPrincipal } from '../../src/auth/principal.js';
import { UnauthorizedError } from '../../src/errors/api-error.js';
import { accessClaims, serviceClaims } from '../support/proxy-event.js';

/** Parses claims that must be a user's. */
function userOf(claims: unknown): UserPrincipal {
  const principal = parsePrincipal(claims);
  if (principal.kind !== 'user') throw new Error(`expected a user, got a ${principal.kind}`);
  return principal;
}

const SUB = 'd2f50444-0041-7036-aea2-a955fca33d37';

describe('parsePrincipal', () => {
  it('reads access-token claims as API Gateway delivers them', () => {
    const principal = parsePrincipal(
      accessClaims({ sub: SUB, username: 'alice', groups: ['admin', 'ops'] }, { email: 'alice@example.com' }),
    );
    expect(principal).toEqual({
      kind: 'user',
      sub: SUB,
      username: 'alice',
      clientId: '3nkoep4151b7umeggnottc30u9',
      scopes: ['aws.cognito.signin.user.admin'],
      groups: ['admin', 'ops'],
      email: 'alice@example.com',
      displayName: null,
      roleClaim: null,
      issuedAt: 1_718_636_404,
      expiresAt: 1_718_640_004,
    });
  });

  it.each([
    ['one group', 'admin', ['admin']],
    ['comma-separated groups', 'admin,ops', ['admin', 'ops']],
    ['the bracketed HTTP API form', '[admin ops]', ['admin', 'ops']],
    ['spaces around commas', ' admin , ops ', ['admin', 'ops']],
    ['empty names', ',,admin,', ['admin']],
  ])('reads %s', (_what, groups, expected) => {
    expect(userOf(accessClaims({ sub: SUB }, { 'cognito:groups': groups })).groups).toEqual(expected);
  });

  it('reads the trigger claims and ignores a role it does not know', () => {
    const claims = accessClaims({ sub: SUB }, { display_name: 'Alice', role: 'admin' });
    expect(parsePrincipal(claims)).toMatchObject({ displayName: 'Alice', roleClaim: 'admin' });
    expect(userOf({ ...claims, role: 'superuser' }).roleClaim).toBeNull();
  });

  it('reads a client-credentials token as a service whose sub is its client id', () => {
    expect(parsePrincipal(serviceClaims('1example23456789abcdefghij', 'gatehouse-api/stats.read'))).toEqual({
      kind: 'service',
      sub: '1example23456789abcdefghij',
      clientId: '1example23456789abcdefghij',
      scopes: ['gatehouse-api/stats.read'],
      issuedAt: 1_718_636_404,
      expiresAt: 1_718_640_004,
    });
  });

  it('reads a user token from the managed login page, with OAuth scopes, as a user', () => {
    const claims = accessClaims(
      { sub: SUB },
      { scope: 'openid email gatehouse-api/notes.read', version: '2' },
    );
    expect(parsePrincipal(claims)).toMatchObject({
      kind: 'user',
      scopes: ['openid', 'email', 'gatehouse-api/notes.read'],
    });
  });

  const base = accessClaims({ sub: SUB });
  const { username: _u, ...withoutUsername } = base;
  const { client_id: _c, ...withoutClientId } = base;
  const { sub: _s, ...withoutSub } = base;

  it.each([
    ['no claims at all', undefined],
    ['null claims', null],
    ['claims that are a string', 'sub=x'],
    ['claims that are an array', [base]],
    ['an empty object', {}],
    ['no sub', withoutSub],
    ['an empty sub', { ...base, sub: '' }],
    ['a sub with a key separator', { ...base, sub: 'x#NOTE#y' }],
    ['a sub with a newline', { ...base, sub: 'abc\ndef' }],
    ['a sub that is too long', { ...base, sub: 'a'.repeat(129) }],
    ['an ID token', { ...base, token_use: 'id', aud: 'client' }],
    ['an unknown token use', { ...base, token_use: 'refresh' }],
    ['no username, with a sub that is not the client id', withoutUsername],
    ['an empty username', { ...base, username: '' }],
    ['a service token with groups', { ...serviceClaims(), 'cognito:groups': 'admin' }],
    ['a service token without client_id', { ...serviceClaims(), client_id: undefined }],
    ['no client_id', withoutClientId],
    ['a number where a string belongs', { ...base, auth_time: 1_718_636_404 }],
    ['groups as a JSON array', { ...base, 'cognito:groups': ['admin'] }],
    ['an unreadable exp', { ...base, exp: 'tomorrow' }],
    ['an unreadable iat', { ...base, iat: 'Tue Jun 18 15:00:04 PDT 2024' }],
    ['a claim of 10 kB', { ...base, display_name: 'x'.repeat(10_000) }],
  ])('refuses %s with 401', (_what, claims) => {
    expect(() => parsePrincipal(claims)).toThrow(UnauthorizedError);
  });

  it('says only "Unauthorized" to the client and keeps the reason for the log', () => {
    try {
      parsePrincipal({ ...base, token_use: 'id' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('Unauthorized');
      expect(((error as Error).cause as Error).message).toMatch(/token_use is id/);
    }
  });

  it('does not let an extra __proto__ claim change the principal', () => {
    const hostile = JSON.parse(`{"__proto__": {"groups": ["admin"]}, ${JSON.stringify(base).slice(1)}`);
    expect(userOf(hostile).groups).toEqual([]);
  });
});
