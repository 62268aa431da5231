import { describe, expect, it } from 'vitest';
import { totpUri } from '../../src/auth/totp-uri.js';

describe('totpUri', () => {
  it('writes the Key Uri Format with issuer prefix and parameter', () => {
    expect(totpUri({ issuer: 'Gatehouse', account: 'ana@example.com', secret: 'JBSWY3DPEHPK3PXP' })).toBe(
      'otpauth://totp/Gatehouse:ana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Gatehouse',
    );
  });

  it.each([
    ['a space', 'Acme Notes', 'otpauth://totp/Acme%20Notes:bo?secret=S&issuer=Acme%20Notes'],
    ['a colon', 'Acme:Dev', 'otpauth://totp/Acme%3ADev:bo?secret=S&issuer=Acme%3ADev'],
    ['an ampersand', 'A&B', 'otpauth://totp/A%26B:bo?secret=S&issuer=A%26B'],
  ])('encodes an issuer with %s so that the label and query stay unambiguous', (_, issuer, uri) => {
    expect(totpUri({ issuer, account: 'bo', secret: 'S' })).toBe(uri);
  });
});
