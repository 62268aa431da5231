export { AssemblyError, CloudAssemblyReadError, TemplateResolutionError } from './assembly-error.js';
export {
  assetPathOf,
  type CloudAssembly,
  type CloudAssemblyStack,
  type CloudFormationTemplate,
  readCloudAssembly,
  type TemplateOutput,
  type TemplateParameter,
  type TemplateResource,
} from './cloud-assembly.js';
export type { ResolvedResource } from './resolved-resource.js';
export {
  orderResources,
  type ResourceIdentity,
  referencedResources,
  TemplateResolver,
  type TemplateResolverOptions,
} from './template-resolver.js';
