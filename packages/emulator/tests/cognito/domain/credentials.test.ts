import { describe, expect, it } from 'vitest';
import {
  passwordMatches,
  passwordVerifier,
  simulatedSrpUser,
  srpPoolName,
} from '../../../src/cognito/domain/credentials.js';

describe('credentials', () => {
  it('names the pool for SRP by the part of its id after the region', () => {
    expect(srpPoolName('us-east-1_AbC123')).toBe('AbC123');
  });

  it('keeps a verifier from which the password is checked, never the password', () => {
    const credential = passwordVerifier('us-east-1_AbC123', 'alice', 'Passw0rd!');
    expect(JSON.stringify(credential)).not.toContain('Passw0rd!');
    expect(passwordMatches('us-east-1_AbC123', 'alice', 'Passw0rd!', credential)).toBe(true);
    expect(passwordMatches('us-east-1_AbC123', 'alice', 'wrong', credential)).toBe(false);
  });

  it('binds the verifier to the pool and the username', () => {
    const credential = passwordVerifier('us-east-1_AbC123', 'alice', 'Passw0rd!');
    expect(passwordMatches('us-east-1_Other', 'alice', 'Passw0rd!', credential)).toBe(false);
    expect(passwordMatches('us-east-1_AbC123', 'bob', 'Passw0rd!', credential)).toBe(false);
  });

  it('gives an unknown name the same stand-in id and salt every time', () => {
    const key = 'ab'.repeat(32);
    const a = simulatedSrpUser(key, 'ghost');
    const b = simulatedSrpUser(key, 'ghost');
    expect(a.username).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([b.username, b.salt]).toEqual([a.username, a.salt]);
    expect(simulatedSrpUser(key, 'other').username).not.toBe(a.username);
  });
});
