import type { Logger } from '@aws-lambda-powertools/logger';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { tokenClaims } from './token-claims.js';

/** A Cognito pre-token-generation trigger (event version 2). */
export type PreTokenGenerationHandler = (
  event: PreTokenGenerationV2TriggerEvent,
) => Promise<PreTokenGenerationV2TriggerEvent>;

/**
 * Builds the trigger that adds Gatehouse's claims to both tokens. It answers in the V2 response format
 * (`claimsAndScopeOverrideDetails`), which also lets it write to the access token; a V1 event cannot
 * carry access-token claims, so it is returned unchanged and logged rather than failing the sign-in.
 */
export function createPreTokenGenerationHandler(logger: Logger): PreTokenGenerationHandler {
  return async (event) => {
    logger.resetKeys();
    logger.appendKeys({ triggerSource: event.triggerSource, userPoolId: event.userPoolId });
    const version = String(event.version);
    if (version !== '2' && version !== '3') {
      logger.warn('pre-token-generation event is not version 2; tokens left unchanged', { version });
      return event;
    }
    const claims = tokenClaims({
      userName: event.userName,
      userAttributes: event.request?.userAttributes ?? {},
      groups: event.request?.groupConfiguration?.groupsToOverride ?? [],
    });
    const previous = event.response?.claimsAndScopeOverrideDetails ?? {};
    event.response = {
      claimsAndScopeOverrideDetails: {
        ...previous,
        idTokenGeneration: {
          ...previous.idTokenGeneration,
          claimsToAddOrOverride: { ...previous.idTokenGeneration?.claimsToAddOrOverride, ...claims.idToken },
        },
        accessTokenGeneration: {
          ...previous.accessTokenGeneration,
          claimsToAddOrOverride: {
            ...previous.accessTokenGeneration?.claimsToAddOrOverride,
            ...claims.accessToken,
          },
        },
      },
    };
    logger.info('claims added', { claims: Object.keys(claims.accessToken) });
    return event;
  };
}
