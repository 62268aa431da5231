import type { ClientConfig } from '@org/client';
import { CliUsageError } from './cli-error.js';

interface OutboxMessage {
  readonly kind?: string;
  readonly code?: string;
}

/**
 * The newest sign-up confirmation code for `email` in the local Cognito's outbox,
 * `<cognito endpoint>/_local/outbox?userPoolId=…&username=<email>` (oldest first). Only the local stack has
 * an outbox; on AWS the code arrives by email.
 */
export async function outboxCode(config: ClientConfig, email: string): Promise<string> {
  if (config.cognitoEndpoint === undefined) {
    throw new CliUsageError('--from-outbox works only against the local stack; use --code <code>');
  }
  const url = new URL('/_local/outbox', config.cognitoEndpoint);
  url.searchParams.set('userPoolId', config.userPoolId);
  url.searchParams.set('username', email);
  const response = await fetch(url);
  if (!response.ok) throw new CliUsageError(`The outbox at ${url} answered ${response.status}`, 'OUTBOX');
  const { messages } = (await response.json()) as { messages: readonly OutboxMessage[] };
  const code = messages
    .filter((m) => (m.kind === 'SignUp' || m.kind === 'ResendConfirmationCode') && m.code !== undefined)
    .at(-1)?.code;
  if (code === undefined)
    throw new CliUsageError(`No confirmation code for ${email} in the outbox`, 'OUTBOX');
  return code;
}
