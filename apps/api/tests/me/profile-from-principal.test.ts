import { ProfileSchema } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { parsePrincipal, type UserPrincipal } from '../../src/auth/principal.js';
import { profileFromPrincipal } from '../../src/me/profile-from-principal.js';
import { accessClaims } from '../support/proxy-event.js';

const profile = (groups: string[], extra: Record<string, string> = {}) =>
  profileFromPrincipal(
    parsePrincipal(accessClaims({ sub: 'sub-1', username: 'kim', groups }, extra)) as UserPrincipal,
  );

describe('profileFromPrincipal', () => {
  it('builds a profile the contract accepts from the trigger’s claims', () => {
    const p = profile(['readers'], { email: 'kim@example.com', display_name: 'Kim', role: 'member' });
    expect(ProfileSchema.parse(p)).toEqual({
      sub: 'sub-1',
      username: 'kim',
      email: 'kim@example.com',
      groups: ['readers'],
      displayName: 'Kim',
      role: 'member',
    });
  });

  it.each([
    ['the role claim over the groups', ['admin'], { role: 'member' }, 'member'],
    ['admin from the groups without a role claim', ['admin'], {}, 'admin'],
    ['member from the groups without a role claim', ['readers'], {}, 'member'],
    ['the groups when the role claim is unknown', ['admin'], { role: 'owner' }, 'admin'],
  ])('takes %s', (_what, groups, extra, role) => {
    expect(profile(groups, extra).role).toBe(role);
  });

  it('reports missing trigger claims as null', () => {
    expect(profile([])).toMatchObject({ email: null, displayName: null, groups: [] });
  });
});
