import * as z from 'zod';

/** The CDK outputs the client and the tools read, by name. */
export const StackOutputNames = {
  ApiUrl: 'ApiUrl',
  UserPoolId: 'UserPoolId',
  UserPoolClientId: 'UserPoolClientId',
  Region: 'Region',
  TableName: 'TableName',
  WebUrl: 'WebUrl',
  UserPoolDomainUrl: 'UserPoolDomainUrl',
  ServiceClientId: 'ServiceClientId',
} as const;
export type StackOutputName = keyof typeof StackOutputNames;

/** Cognito user pool ids look like `us-east-1_AbC123xyz`: the region, `_`, letters and digits. */
export const UserPoolIdSchema = z
  .string()
  .regex(
    /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9A-Za-z]+$/,
    'must be a Cognito user pool id such as us-east-1_AbC123xyz',
  );

export const StackOutputsSchema = z.object({
  /** The stage's invoke URL, ending in `/`: `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
  ApiUrl: z.url(),
  UserPoolId: UserPoolIdSchema,
  /** The public app client the SDK signs in with (no secret). */
  UserPoolClientId: z.string().min(1),
  Region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'),
  TableName: z.string().min(1),
  /**
   * The web app's URL (CloudFront), ending in `/`. Optional: outputs of stacks deployed before the web app
   * existed stay readable, and the local stack serves the app from its own dev server instead.
   */
  WebUrl: z.url().optional(),
  /**
   * The user pool domain's base URL, without a trailing `/`: the managed login pages and the OAuth 2.0
   * endpoints (`/oauth2/authorize`, `/oauth2/token`, ...) are under it. On AWS
   * `https://<prefix>.auth.<region>.amazoncognito.com`. Optional, as `WebUrl`: stacks deployed before the
   * domain existed stay readable.
   */
  UserPoolDomainUrl: z.url().optional(),
  /**
   * The confidential app client services use with the client credentials grant. Its secret is never an
   * output: read it with `DescribeUserPoolClient`. Optional for the same reason as `UserPoolDomainUrl`.
   */
  ServiceClientId: z.string().min(1).optional(),
});
export type StackOutputs = z.infer<typeof StackOutputsSchema>;

/** The local stack's `<state dir>/endpoints.json`: where each emulated service listens. */
export const LocalEndpointsSchema = z.object({
  cognito: z.url(),
  apigateway: z.url(),
  dynamodb: z.url(),
  /** The user pool domain (managed login and OAuth 2.0 endpoints), when the stack has one. */
  auth: z.url().optional(),
  /** The web app's dev server, added by `npm run dev` (the emulator itself serves no web app). */
  web: z.url().optional(),
});
export type LocalEndpoints = z.infer<typeof LocalEndpointsSchema>;

/** Raised when an outputs file is not what `cdk deploy --outputs-file` writes for this stack. */
export class StackOutputsError extends Error {
  override readonly name = 'StackOutputsError';
}

/**
 * Reads a `cdk deploy --outputs-file` document (`{ "<stack>": { "<output>": "<value>" } }`) and returns
 * the named stack's outputs, validated. Without `stackName` the file must hold exactly one stack.
 *
 * @example
 * const outputs = parseOutputsFile(JSON.parse(readFileSync('outputs.json', 'utf8')));
 */
export function parseOutputsFile(document: unknown, stackName?: string): StackOutputs {
  const file = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(document);
  if (!file.success) {
    throw new StackOutputsError('Outputs file must be a JSON object of stack name → { output name: value }');
  }
  const stacks = Object.keys(file.data);
  let name = stackName;
  if (name === undefined) {
    if (stacks.length !== 1) {
      throw new StackOutputsError(
        `Outputs file holds ${stacks.length === 0 ? 'no stacks' : `several stacks (${stacks.join(', ')})`}; name the stack to use`,
      );
    }
    name = stacks[0] as string;
  }
  // Own keys only: a stack name such as `constructor` or `__proto__` must not find Object.prototype's members.
  const outputs = Object.hasOwn(file.data, name) ? file.data[name] : undefined;
  if (outputs === undefined) {
    throw new StackOutputsError(
      `Outputs file has no stack named ${name} (it has: ${stacks.join(', ') || 'none'})`,
    );
  }
  const parsed = StackOutputsSchema.safeParse(outputs);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.code === 'invalid_type' && outputs[String(i.path[0])] === undefined
        ? `${String(i.path[0])} is missing`
        : `${i.path.join('.')} ${i.message}`,
    );
    throw new StackOutputsError(`Outputs of stack ${name} are not usable: ${problems.join('; ')}`);
  }
  return parsed.data;
}
