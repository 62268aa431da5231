/** What a message was sent for. */
export type OutboxKind =
  | 'SignUp'
  | 'ResendConfirmationCode'
  | 'ForgotPassword'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'AdminResetUserPassword'
  // A sign-in code: email MFA, or an email one-time password of choice-based sign-in (USER_AUTH).
  | 'Authentication';

/** A code or temporary password that Cognito would have emailed or texted. */
export interface OutboxMessage {
  userPoolId: string;
  username: string;
  kind: OutboxKind;
  attributeName?: string;
  destination: string;
  deliveryMedium: 'EMAIL' | 'SMS';
  code?: string;
  temporaryPassword?: string;
  sentAt: string;
}

/**
 * The local stand-in for email and SMS delivery: every message is kept here (the most recent 1,000, so memory
 * stays bounded) and passed to subscribers; the server prints it and serves it at `GET /_local/outbox`.
 */
export class CognitoOutbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly listeners = new Set<(m: OutboxMessage) => void>();

  constructor(private readonly capacity = 1000) {}

  /** Records a message and tells subscribers. */
  deliver(message: OutboxMessage): void {
    this.messages.push(message);
    if (this.messages.length > this.capacity) this.messages.shift();
    for (const fn of this.listeners) fn(message);
  }

  /**
   * Messages, oldest first, optionally only those of one pool and/or user. `username` matches the
   * username or the address the message went to, so pools whose usernames are emails can be searched by
   * the email the user typed.
   */
  list(filter: { userPoolId?: string; username?: string } = {}): OutboxMessage[] {
    return this.messages.filter(
      (m) =>
        (filter.userPoolId === undefined || m.userPoolId === filter.userPoolId) &&
        (filter.username === undefined ||
          m.username === filter.username ||
          m.destination === filter.username),
    );
  }

  /** The newest message for a user (by username or address), e.g. to read the code a test must type. */
  latest(userPoolId: string, username: string): OutboxMessage | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i];
      if (
        m !== undefined &&
        m.userPoolId === userPoolId &&
        (m.username === username || m.destination === username)
      ) {
        return m;
      }
    }
    return undefined;
  }

  /** Calls `fn` for every new message; returns the unsubscribe function. */
  subscribe(fn: (m: OutboxMessage) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }
}

/** One line for a message in the Cognito outbox: who, what, and the code to type. */
export function describeOutboxMessage(message: OutboxMessage): string {
  const what =
    message.attributeName === undefined ? message.kind : `${message.kind} (${message.attributeName})`;
  // A temporary password is a password: it is not printed; the outbox endpoint serves it.
  const detail =
    message.code !== undefined
      ? `code ${message.code}`
      : message.temporaryPassword !== undefined
        ? 'temporary password in GET /_local/outbox'
        : 'no code';
  return `[outbox] ${what} for ${message.username} in ${message.userPoolId} to ${message.destination} (${message.deliveryMedium}): ${detail}`;
}
