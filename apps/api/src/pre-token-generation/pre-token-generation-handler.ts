import type { Logger } from '@aws-lambda-powertools/logger';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { tokenClaims } from './token-claims.js';

/** A Cognito pre-token-generation trigger (event version 2). */
export type PreTokenGenerationHandler = (
  event: PreTokenGenerationV2TriggerEvent,
) => Promise<PreTokenGenerationV2TriggerEvent>;

/**
 * Builds the trigger that adds Gatehouse's claims to both tokens. It answers in the V2 response format
 * (`claimsAndScopeOverrideDetails`), the only one that can write to the access token. A pool still
 * configured for V1 events gets the ID-token claims in the V1 format (`claimsOverrideDetails`) and a
 * warning in the log, rather than a failed sign-in: `/me` then lacks `email` and falls back on groups.
 */
export function createPreTokenGenerationHandler(logger: Logger): PreTokenGenerationHandler {
  return async (event) => {
    logger.resetKeys();
    logger.appendKeys({ triggerSource: event.triggerSource, userPoolId: event.userPoolId });
    const claims = tokenClaims({
      userName: event.userName,
      userAttributes: event.request?.userAttributes ?? {},
      groups: event.request?.groupConfiguration?.groupsToOverride ?? [],
    });
    const version = String(event.version);
    if (version !== '2' && version !== '3') {
      logger.warn('pre-token-generation event is not version 2: only the ID token gets claims', { version });
      const v1 = event as unknown as {
        response: { claimsOverrideDetails?: { claimsToAddOrOverride?: object } };
      };
      v1.response = {
        ...v1.response,
        claimsOverrideDetails: {
          ...v1.response?.claimsOverrideDetails,
          claimsToAddOrOverride: {
            ...v1.response?.claimsOverrideDetails?.claimsToAddOrOverride,
            ...claims.idToken,
          },
        },
      };
      return event;
    }
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
