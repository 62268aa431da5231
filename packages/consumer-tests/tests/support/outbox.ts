import type { LocalClientConfig } from './global-setup.js';

/**
 * The confirmation code the local Cognito "sent" to `email`, read from its outbox (`GET /_local/outbox`),
 * which only this machine's tools may read: web pages get no CORS grant for it.
 */
export async function confirmationCode(config: LocalClientConfig, email: string): Promise<string> {
  const url = new URL('/_local/outbox', config.cognitoEndpoint);
  url.searchParams.set('userPoolId', config.userPoolId);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
  const { messages } = (await response.json()) as {
    messages: { kind: string; destination?: string; code?: string }[];
  };
  const code = messages.filter((m) => m.kind === 'SignUp' && m.destination === email).at(-1)?.code;
  if (code === undefined) throw new Error(`no confirmation code for ${email} in the outbox`);
  return code;
}

let counter = 0;

/** A new user's email, unique within this run. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** A password that satisfies the app's policy. */
export const CONSUMER_PASSWORD = 'correct-horse-battery-staple-42';
