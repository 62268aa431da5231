import { TemplateResolutionError } from '../../assembly/assembly-error.js';
import { generatedApiGatewayId } from '../physical-id.js';
import type { NotEmulatedFamily, ProvisionedResource, ResourceProvisioner } from '../resource-provisioner.js';
import type { RecordedResource } from '../stack-state.js';

/** Every `AWS::ApiGateway::*` resource goes to the gateway, which reads the types it knows. */
export const API_GATEWAY_TYPE_PREFIX = 'AWS::ApiGateway::';

export function isApiGatewayType(type: string): boolean {
  return type.startsWith(API_GATEWAY_TYPE_PREFIX);
}

/** A resource API Gateway gives an id of its own shape (REST API ids are 10 characters, the others 6). */
interface IdentifiedResource {
  idLength: number;
  /** What `Fn::GetAtt` answers for the resource with `id`. */
  attributes(id: string, recorded: RecordedResource | undefined): Record<string, string>;
}

const IDENTIFIED: Record<string, IdentifiedResource> = {
  'AWS::ApiGateway::RestApi': {
    idLength: 10,
    attributes: (id, recorded) => ({
      RootResourceId: recorded?.attributes.RootResourceId ?? generatedApiGatewayId(10),
      RestApiId: id,
    }),
  },
  'AWS::ApiGateway::Resource': { idLength: 6, attributes: (id) => ({ ResourceId: id }) },
  'AWS::ApiGateway::Method': { idLength: 6, attributes: () => ({}) },
  'AWS::ApiGateway::Authorizer': { idLength: 6, attributes: (id) => ({ AuthorizerId: id }) },
  'AWS::ApiGateway::Deployment': { idLength: 6, attributes: (id) => ({ DeploymentId: id }) },
  'AWS::ApiGateway::GatewayResponse': { idLength: 6, attributes: () => ({}) },
};

/** Stable ids of API Gateway's shape: kept from the state directory, new ones on creation. */
function identifiedProvisioner(shape: IdentifiedResource): ResourceProvisioner {
  const provisioned = (id: string, recorded?: RecordedResource): ProvisionedResource => ({
    physicalId: id,
    attributes: shape.attributes(id, recorded),
  });
  return {
    create: async () => provisioned(generatedApiGatewayId(shape.idLength)),
    update: async ({ recorded }) => provisioned(recorded.physicalId, recorded),
  };
}

/** A stage's id is its name. */
const stageProvisioner: ResourceProvisioner = {
  create: async ({ stack, logicalId, properties }) => {
    if (typeof properties.StageName !== 'string') {
      throw new TemplateResolutionError(
        `${stack.stackName}/${logicalId}.Properties.StageName`,
        'StageName is required',
      );
    }
    return { physicalId: properties.StageName, attributes: {} };
  },
  update: (request) => stageProvisioner.create(request),
};

/**
 * The API Gateway family: the resources the local gateway serves. The provisioners only give them ids; the
 * gateway reads their resolved properties (`createApiGateway`).
 */
export function apiGatewayProvisioners(): Array<[string, ResourceProvisioner]> {
  return [
    ...Object.entries(IDENTIFIED).map(([type, shape]): [string, ResourceProvisioner] => [
      type,
      identifiedProvisioner(shape),
    ]),
    ['AWS::ApiGateway::Stage', stageProvisioner],
  ];
}

/** The other API Gateway types (models, validators...): not emulated, but still handed to the gateway. */
export const API_GATEWAY_NOT_EMULATED: NotEmulatedFamily = {
  matches: isApiGatewayType,
  newPhysicalId: () => generatedApiGatewayId(6),
  keepsProperties: true,
};
