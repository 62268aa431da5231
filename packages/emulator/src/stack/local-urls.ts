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
