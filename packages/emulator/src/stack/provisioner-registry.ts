import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaRuntime } from '../lambda/lambda-runtime.js';
import { childLogger, type EmulatorLogger } from '../logger.js';
import { generatedName } from './physical-id.js';
import { API_GATEWAY_NOT_EMULATED, apiGatewayProvisioners } from './provisioners/api-gateway.js';
import type { CognitoOperations } from './provisioners/cognito-admin.js';
import { cognitoUserPoolProvisioner } from './provisioners/cognito-user-pool.js';
import { cognitoUserPoolClientProvisioner } from './provisioners/cognito-user-pool-client.js';
import {
  cognitoUserPoolDomainProvisioner,
  managedLoginBrandingProvisioner,
} from './provisioners/cognito-user-pool-domain.js';
import { cognitoUserPoolGroupProvisioner } from './provisioners/cognito-user-pool-group.js';
import { cognitoUserPoolResourceServerProvisioner } from './provisioners/cognito-user-pool-resource-server.js';
import { dynamoDbTableProvisioner } from './provisioners/dynamodb-table.js';
import { lambdaFunctionProvisioner } from './provisioners/lambda-function.js';
import type { NotEmulatedFamily, ResourceProvisioner } from './resource-provisioner.js';

/** Any other type: a name in CloudFormation's style, and nothing handed to the services. */
const CLOUDFORMATION_NOT_EMULATED: NotEmulatedFamily = {
  matches: () => true,
  newPhysicalId: (stackName, logicalId) => generatedName(stackName, logicalId, 64),
  keepsProperties: false,
};

/** The resource types the local stack runs, each with its provisioner. */
export class ProvisionerRegistry {
  private readonly provisioners = new Map<string, ResourceProvisioner>();

  constructor(
    entries: Iterable<readonly [string, ResourceProvisioner]>,
    private readonly notEmulatedFamilies: readonly NotEmulatedFamily[] = [],
  ) {
    for (const [type, provisioner] of entries) {
      if (this.provisioners.has(type)) throw new Error(`Two provisioners for ${type}`);
      this.provisioners.set(type, provisioner);
    }
  }

  /** The provisioner of `type`, or undefined when the type is not emulated. */
  provisioner(type: string): ResourceProvisioner | undefined {
    return this.provisioners.get(type);
  }

  /** The emulated types (everything else is listed once at start-up as not emulated). */
  types(): string[] {
    return [...this.provisioners.keys()];
  }

  /** How a resource of a type that is not emulated is stood in for. */
  notEmulated(type: string): NotEmulatedFamily {
    return this.notEmulatedFamilies.find((family) => family.matches(type)) ?? CLOUDFORMATION_NOT_EMULATED;
  }
}

/** The running local services the provisioners act on. */
export interface StackServices {
  region: string;
  accountId: string;
  /** Where the provisioners may keep files (inline Lambda code). */
  stateDir: string;
  log: EmulatorLogger;
  cognito: CognitoOperations;
  dynamodb: DynamoDBClient;
  lambda: Pick<LambdaRuntime, 'register' | 'unregister'>;
}

/** Every emulated resource type. A new type is one provisioner module and one line here. */
export function createProvisionerRegistry(services: StackServices): ProvisionerRegistry {
  const { region, accountId, stateDir, log } = services;
  const cognito = { cognito: services.cognito, region, accountId, log: childLogger(log, 'cognito') };
  return new ProvisionerRegistry(
    [
      ['AWS::Cognito::UserPool', cognitoUserPoolProvisioner(cognito)],
      ['AWS::Cognito::UserPoolClient', cognitoUserPoolClientProvisioner(cognito)],
      ['AWS::Cognito::UserPoolGroup', cognitoUserPoolGroupProvisioner(cognito)],
      ['AWS::Cognito::UserPoolDomain', cognitoUserPoolDomainProvisioner(cognito)],
      ['AWS::Cognito::ManagedLoginBranding', managedLoginBrandingProvisioner()],
      ['AWS::Cognito::UserPoolResourceServer', cognitoUserPoolResourceServerProvisioner(cognito)],
      [
        'AWS::DynamoDB::Table',
        dynamoDbTableProvisioner({ dynamodb: services.dynamodb, region, accountId, log }),
      ],
      [
        'AWS::Lambda::Function',
        lambdaFunctionProvisioner({ runtime: services.lambda, stateDir, region, accountId, log }),
      ],
      ...apiGatewayProvisioners(),
    ],
    [API_GATEWAY_NOT_EMULATED],
  );
}
