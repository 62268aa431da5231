import type { ApiGateway } from '../apigateway/index.js';
import type { EmulatorLogger } from '../logger.js';
import { reachable } from './service-listening.js';

const EXECUTE_API_URL = /https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/\s]+)\/?/g;

/** Replaces every `https://<id>.execute-api.<region>.amazonaws.com/<stage>/` in an output by the local URL. */
export function localizeApiUrls(value: string, gateway: ApiGateway, log: EmulatorLogger): string {
  return value.replace(EXECUTE_API_URL, (url, restApiId: string, stage: string) => {
    try {
      return reachable(gateway.localUrl(restApiId, stage));
    } catch (err) {
      log.warn(
        `Output URL ${url} has no local equivalent: ${err instanceof Error ? err.message : String(err)}`,
      );
      return url;
    }
  });
}

const AUTH_DOMAIN_URL =
  /https:\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.[a-z0-9-]+\.amazoncognito\.com/g;

/**
 * Replaces every user pool domain base URL `https://<prefix>.auth.<region>.amazoncognito.com` (what CDK's
 * `UserPoolDomain.baseUrl()` makes) by the local OAuth server's `<authBase>/<prefix>`, where the domain's
 * endpoints and pages are served. A prefix no local pool has is left as it is, with a warning.
 */
export function localizeAuthDomainUrls(
  value: string,
  authBase: string,
  hasDomain: (prefix: string) => boolean,
  log: EmulatorLogger,
): string {
  return value.replace(AUTH_DOMAIN_URL, (url, prefix: string) => {
    if (hasDomain(prefix)) return `${authBase}/${prefix}`;
    log.warn(`Output URL ${url} has no local equivalent: no user pool has the domain ${prefix}`);
    return url;
  });
}
