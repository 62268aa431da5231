import { UserPoolIdSchema } from '@org/contracts';
import * as z from 'zod';
import { ConfigError } from '../errors/client-error.js';

/** What the client needs to know about a deployed (or local) Gatehouse stack. */
export const ClientConfigSchema = z.object({
  /** The API's base URL (the stack's `ApiUrl`), e.g. `https://abc.execute-api.us-east-1.amazonaws.com/prod/`. */
  apiUrl: z.url(),
  /** The Cognito user pool id, e.g. `us-east-1_AbC123xyz`. */
  userPoolId: UserPoolIdSchema,
  /** The public app client id (no secret). */
  clientId: z.string().min(1),
  /** The AWS region of the pool. */
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'),
  /** Where Cognito listens when it is not AWS (the local stack); AWS's endpoint otherwise. */
  cognitoEndpoint: z.url().optional(),
  /**
   * The user pool domain (the stack's `UserPoolDomainUrl`) for the managed login page and the OAuth 2.0
   * endpoints: `https://<prefix>.auth.<region>.amazoncognito.com` on AWS, `http://localhost:<port>/<prefix>`
   * on the local stack. Only `signInWithRedirect` needs it.
   */
  domainUrl: z.url().optional(),
});
export type ClientConfig = z.input<typeof ClientConfigSchema>;

/** Validates a client config; the error names each field that is missing or wrong. */
export function parseClientConfig(config: unknown): z.output<typeof ClientConfigSchema> {
  const parsed = ClientConfigSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || 'config';
      const missing =
        issue.code === 'invalid_type' &&
        (typeof config !== 'object' ||
          config === null ||
          (config as Record<string, unknown>)[field] === undefined);
      return missing ? `${field} is missing` : `${field} ${issue.message}`;
    });
    throw new ConfigError(`Invalid client config: ${problems.join('; ')}`);
  }
  return parsed.data;
}
