import { describe, expect, it } from 'vitest';
import { tokenClaims } from '../../src/pre-token-generation/token-claims.js';

describe('tokenClaims', () => {
  it.each([
    ['the name attribute', { name: 'Ada Lovelace', email: 'ada@example.com' }, 'Ada Lovelace'],
    ['the email local part without a name', { email: 'ada.l@example.com' }, 'ada.l'],
    ['the email local part when the name is blank', { name: '   ', email: 'ada@example.com' }, 'ada'],
    ['the last @ of an unusual email', { email: '"a@b"@example.com' }, '"a@b"'],
    ['the username without name or email', {}, 'ada-user'],
    ['the username when the email has no local part', { email: '@example.com' }, 'ada-user'],
  ])('takes display_name from %s', (_what, userAttributes, displayName) => {
    const claims = tokenClaims({ userName: 'ada-user', userAttributes, groups: [] });
    expect(claims.idToken.display_name).toBe(displayName);
    expect(claims.accessToken.display_name).toBe(displayName);
  });

  it.each([
    [['admin'], 'admin'],
    [['readers', 'admin'], 'admin'],
    [['administrators'], 'member'],
    [[], 'member'],
  ])('derives role from groups %j', (groups, role) => {
    const claims = tokenClaims({ userName: 'u', userAttributes: {}, groups });
    expect(claims.idToken.role).toBe(role);
    expect(claims.accessToken.role).toBe(role);
  });

  it('adds email to the access token only, and only when the user has one', () => {
    const withEmail = tokenClaims({ userName: 'u', userAttributes: { email: 'u@example.com' }, groups: [] });
    expect(withEmail.accessToken.email).toBe('u@example.com');
    expect(withEmail.idToken).not.toHaveProperty('email');
    const without = tokenClaims({ userName: 'u', userAttributes: {}, groups: [] });
    expect(without.accessToken).not.toHaveProperty('email');
  });
});
