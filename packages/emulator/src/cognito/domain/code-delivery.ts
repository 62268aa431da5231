import type { CognitoOutbox, OutboxKind } from '../cognito-outbox.js';
import type { UserPool, UserRecord } from '../cognito-types.js';
import { isEmailAddress, maskDestination } from '../user-attributes.js';
import type { ServiceConfig } from './service-config.js';

/** `CodeDeliveryDetails` as the operations answer it. */
export interface DeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

/** Sends codes and temporary passwords to the local outbox (in place of email and SMS). */
export class CodeDelivery {
  readonly #outbox: CognitoOutbox;
  readonly #config: Pick<ServiceConfig, 'now'>;

  constructor(outbox: CognitoOutbox, config: Pick<ServiceConfig, 'now'>) {
    this.#outbox = outbox;
    this.#config = config;
  }

  /** Sends a code (or temporary password) to the outbox and returns CodeDeliveryDetails. */
  deliver(
    pool: UserPool,
    user: UserRecord,
    kind: OutboxKind,
    attributeName: 'email' | 'phone_number',
    content: { code?: string; temporaryPassword?: string },
    /** Where to send instead of the attribute's current value (a new address waiting for verification). */
    to?: string,
  ): DeliveryDetails {
    const destination = to ?? user.attributes[attributeName] ?? '';
    const medium = attributeName === 'email' ? 'EMAIL' : 'SMS';
    this.#outbox.deliver({
      userPoolId: pool.Id,
      username: user.username,
      kind,
      attributeName,
      destination,
      deliveryMedium: medium,
      ...content,
      sentAt: new Date(this.#config.now()).toISOString(),
    });
    return {
      Destination: maskDestination(attributeName, destination),
      DeliveryMedium: medium,
      AttributeName: attributeName,
    };
  }

  /** Delivery details for a user who does not exist (PreventUserExistenceErrors): plausible and stable. */
  simulated(pool: UserPool, typed: string): DeliveryDetails {
    const email = (pool.AutoVerifiedAttributes ?? ['email']).includes('email') || isEmailAddress(typed);
    return email
      ? {
          Destination: `${typed.charAt(0)}***@${(typed.split('@')[1] ?? 'e').charAt(0)}***`,
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        }
      : { Destination: '+*******0000', DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
}
