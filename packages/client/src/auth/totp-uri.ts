/**
 * The `otpauth://` URI an authenticator app reads (from a QR code or a link) to add a TOTP account, in the
 * Key Uri Format that Google Authenticator defined and the other apps follow:
 * `otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>`. Cognito's codes are the format's
 * defaults (SHA-1, 6 digits, 30 seconds), so the URI leaves those parameters out, as Amplify's does.
 *
 * @example
 * totpUri({ issuer: 'Gatehouse', account: 'ana@example.com', secret: 'JBSWY3DPEHPK3PXP' });
 * // 'otpauth://totp/Gatehouse:ana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Gatehouse'
 */
export function totpUri(input: {
  readonly issuer: string;
  readonly account: string;
  readonly secret: string;
}): string {
  // The label's colon separates issuer and account, so neither part may carry its own (encoded, it is data).
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({ secret: input.secret, issuer: input.issuer });
  // URLSearchParams writes a space as `+`; authenticator apps read the query as a URI, where it is `%20`.
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}
