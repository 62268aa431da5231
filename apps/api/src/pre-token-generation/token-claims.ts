import { ADMIN_GROUP, CustomClaims, type Role } from '@org/contracts';

/** The user as the pre-token-generation trigger sees them. */
export interface TokenSubject {
  readonly userName: string;
  readonly userAttributes: Readonly<Record<string, string | undefined>>;
  readonly groups: readonly string[];
}

/** Claims to add to each token. */
export interface TokenClaims {
  readonly idToken: Record<string, string>;
  readonly accessToken: Record<string, string>;
}

/**
 * The claims Gatehouse adds when Cognito issues tokens: `display_name` (the `name` attribute, else the
 * email's local part, else the username) and `role` (`admin` for members of the admin group) in both
 * tokens, and `email` in the access token, which Cognito leaves without profile attributes.
 */
export function tokenClaims(subject: TokenSubject): TokenClaims {
  const attributes = subject.userAttributes;
  const email = attributes.email?.trim() || undefined;
  const displayName = attributes.name?.trim() || localPart(email) || subject.userName;
  const role: Role = subject.groups.includes(ADMIN_GROUP) ? 'admin' : 'member';
  const common = { [CustomClaims.displayName]: displayName, [CustomClaims.role]: role };
  return {
    idToken: { ...common },
    accessToken: { ...common, ...(email ? { email } : {}) },
  };
}

function localPart(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  return email !== undefined && at > 0 ? email.slice(0, at) : undefined;
}
