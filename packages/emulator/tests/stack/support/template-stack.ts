import type {
  CloudAssemblyStack,
  CloudFormationTemplate,
  TemplateResource,
} from '../../../src/assembly/cloud-assembly.js';
import type { ProvisionRequest, UpdateRequest } from '../../../src/stack/resource-provisioner.js';
import type { RecordedResource } from '../../../src/stack/stack-state.js';

/** A stack of the assembly made of `template`, as `readCloudAssembly` gives it. */
export function templateStack(
  template: CloudFormationTemplate,
  stackName = 'App',
  assemblyDir = '/nowhere',
): CloudAssemblyStack {
  return {
    artifactId: stackName,
    stackName,
    templateFile: `${assemblyDir}/${stackName}.template.json`,
    template,
    parameters: {},
    dependencies: [],
    assemblyDir,
  };
}

/** What the deployer hands a provisioner for one resource with already resolved `properties`. */
export function provisionRequest(
  type: string,
  properties: Record<string, unknown>,
  options: { logicalId?: string; resource?: Partial<TemplateResource>; assemblyDir?: string } = {},
): ProvisionRequest {
  const logicalId = options.logicalId ?? 'Thing';
  const resource: TemplateResource = { Type: type, Properties: properties, ...options.resource };
  return {
    stack: templateStack({ Resources: { [logicalId]: resource } }, 'App', options.assemblyDir),
    logicalId,
    type,
    properties,
    resource,
    generatedName: (maxLength) => `App-${logicalId}-GENERATED`.slice(0, maxLength),
  };
}

/** The same, as an update of what the state directory recorded. */
export function updateRequest(
  request: ProvisionRequest,
  recorded: Omit<RecordedResource, 'type'>,
): UpdateRequest {
  return { ...request, recorded: { type: request.type, ...recorded } };
}
