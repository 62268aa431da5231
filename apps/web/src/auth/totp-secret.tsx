/**
 * What an authenticator app needs to add the account: a link with the `otpauth://` URI (opened by an app on this
 * device) and the secret as text to type in. No QR code: drawing one would need a dependency the bundle does not
 * carry; apps accept the secret typed in.
 */
export function TotpSecret({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  return (
    <div className="totp-secret">
      <p>
        Add this account to your authenticator app: <a href={otpauthUri}>open it in your authenticator app</a>
        , or type in the secret key below.
      </p>
      <dl className="details">
        <dt>Secret key</dt>
        <dd>
          <code className="secret">{secret}</code>
        </dd>
      </dl>
    </div>
  );
}
