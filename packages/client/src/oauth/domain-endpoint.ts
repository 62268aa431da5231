import { ConfigError } from '../errors/client-error.js';

/** The paths under a user pool domain, the same on AWS and on the local stack. */
export type DomainPath =
  | '/oauth2/authorize'
  | '/oauth2/token'
  | '/oauth2/userInfo'
  | '/oauth2/revoke'
  | '/logout';

/**
 * An endpoint of the user pool's domain. The domain URL is `https://<prefix>.auth.<region>.amazoncognito.com` on
 * AWS and `http://localhost:<port>/<prefix>` on the local stack, so the path is appended to whatever path the
 * domain URL has rather than resolved against its root.
 *
 * @example
 * domainEndpoint('http://localhost:9229/gatehouse-dev', '/oauth2/token'); // 'http://localhost:9229/gatehouse-dev/oauth2/token'
 */
export function domainEndpoint(domainUrl: string | undefined, path: DomainPath): URL {
  if (!domainUrl) {
    throw new ConfigError(
      'domainUrl is missing: the OAuth sign-in needs the user pool domain (the stack output UserPoolDomainUrl)',
    );
  }
  const base = new URL(domainUrl);
  base.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  base.search = '';
  base.hash = '';
  return base;
}
