/** Resource types the local stack runs. Everything else is listed once at start-up as not emulated. */
export const EMULATED_TYPES = new Set([
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
  'AWS::DynamoDB::Table',
  'AWS::Lambda::Function',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::GatewayResponse',
]);

/** Length of the ids API Gateway gives each resource type (REST API ids are 10 characters, the others 6). */
export const API_GATEWAY_ID_LENGTH: Record<string, number> = {
  'AWS::ApiGateway::RestApi': 10,
  'AWS::ApiGateway::Resource': 6,
  'AWS::ApiGateway::Authorizer': 6,
  'AWS::ApiGateway::Deployment': 6,
  'AWS::ApiGateway::GatewayResponse': 6,
  'AWS::ApiGateway::Method': 6,
};

/**
 * What `Fn::GetAtt` answers for a resource that is not emulated: a plausible ARN for `Arn`, a derived string
 * for anything else, so that templates referring to roles, log groups or custom resources still resolve.
 */
export function placeholderAttributes(
  type: string,
  physicalId: string,
  region: string,
  accountId: string,
): Record<string, string> {
  const [, service = 'local', kind = 'resource'] = type.split('::');
  const lower = service.toLowerCase();
  // IAM is global: its ARNs carry no region.
  const arn = `arn:aws:${lower}:${lower === 'iam' ? '' : region}:${accountId}:${kind.toLowerCase()}/${physicalId}`;
  return new Proxy({} as Record<string, string>, {
    get: (_target, key) =>
      typeof key !== 'string' ? undefined : key === 'Arn' ? arn : `${physicalId}.${key}`,
    has: () => true,
    ownKeys: () => ['Arn'],
    getOwnPropertyDescriptor: (_target, key) =>
      key === 'Arn' ? { value: arn, enumerable: true, configurable: true } : undefined,
  });
}
