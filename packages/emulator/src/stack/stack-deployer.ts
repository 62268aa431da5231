import { TemplateResolutionError } from '../assembly/assembly-error.js';
import type { CloudAssemblyStack, TemplateResource } from '../assembly/cloud-assembly.js';
import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { orderResources, type ResourceIdentity, TemplateResolver } from '../assembly/template-resolver.js';
import { runsLocally } from '../lambda/runtime-support.js';
import type { EmulatorLogger } from '../logger.js';
import { generatedName } from './physical-id.js';
import { placeholderAttributes } from './placeholder-attributes.js';
import type { ProvisionerRegistry } from './provisioner-registry.js';
import type { ProvisionedResource, ProvisionRequest, ResourceProvisioner } from './resource-provisioner.js';
import type { StackState } from './stack-state.js';
import { stringValue } from './string-value.js';

export interface StackDeployerOptions {
  state: StackState;
  registry: ProvisionerRegistry;
  region: string;
  accountId: string;
  log: EmulatorLogger;
}

/** The outcome of applying an assembly. */
export interface Deployment {
  /** Every provisioned resource, resolved, in the order provisioned. */
  resources: ResolvedResource[];
  /** Stack name → output name → value, as the template computes them (AWS URLs). */
  outputs: Record<string, Record<string, string>>;
  /** Type → how many resources of it were stood in for. */
  notEmulated: Map<string, number>;
}

/** A resource placed in the stack: what it answers, and what the services get of it (if anything). */
type Placed = ResourceIdentity & { handedOver: ResolvedResource | undefined };

/**
 * Lists, once, the resource types that are not emulated, and the functions of runtimes that cannot run here
 * (as `AWS::Lambda::Function (python3.13)`: registered, but every invocation is refused).
 */
export function reportNotEmulated(deployment: Deployment, log: EmulatorLogger): void {
  const counts = new Map(deployment.notEmulated);
  for (const { type, properties } of deployment.resources) {
    if (type !== 'AWS::Lambda::Function' || typeof properties.Runtime !== 'string') continue;
    if (runsLocally(properties.Runtime)) continue;
    const label = `${type} (${properties.Runtime})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  const list = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => (count > 1 ? `${type} ×${count}` : type));
  log.info(`Not emulated (no effect locally): ${list.join(', ')}`);
}

function identityKey(resource: { type: string; physicalId: string }): string {
  return `${resource.type}\u0000${resource.physicalId}`;
}

/**
 * Applies an assembly as CloudFormation would: stacks in order, each stack's resources in dependency order,
 * every resource through its type's provisioner (create, or update when the state directory recorded it),
 * then the outputs and exports. The state directory is saved after every resource, so a failure part-way
 * never forgets what was already created.
 */
export class StackDeployer {
  constructor(private readonly o: StackDeployerOptions) {}

  /**
   * Provisions every stack, then deletes what `previous` (the deployment running so far) had that this one
   * no longer has.
   */
  async deploy(
    stacks: CloudAssemblyStack[],
    previous: readonly ResolvedResource[] = [],
  ): Promise<Deployment> {
    const deployment: Deployment = { resources: [], outputs: {}, notEmulated: new Map() };
    const exports = new Map<string, string>();
    for (const stack of stacks) {
      deployment.outputs[stack.stackName] = await this.deployStack(stack, exports, deployment);
    }
    await this.deleteGone(previous, deployment.resources);
    return deployment;
  }

  private async deployStack(
    stack: CloudAssemblyStack,
    exports: Map<string, string>,
    deployment: Deployment,
  ): Promise<Record<string, string>> {
    const identities = new Map<string, ResourceIdentity>();
    const resolver = new TemplateResolver({
      stackName: stack.stackName,
      region: this.o.region,
      accountId: this.o.accountId,
      template: stack.template,
      parameterValues: stack.parameters,
      resource: (id) => identities.get(id),
      exports,
    });
    for (const logicalId of orderResources(stack.template, stack.stackName)) {
      const resource = stack.template.Resources[logicalId];
      if (resource === undefined) continue;
      if (
        resource.Condition !== undefined &&
        !resolver.condition(resource.Condition, `${logicalId}.Condition`)
      ) {
        continue;
      }
      const provisioner = this.o.registry.provisioner(resource.Type);
      const placed =
        provisioner === undefined
          ? this.standIn(stack, logicalId, resource, resolver, deployment.notEmulated)
          : await this.provision(provisioner, stack, logicalId, resource, resolver);
      identities.set(logicalId, placed);
      if (placed.handedOver !== undefined) deployment.resources.push(placed.handedOver);
    }
    this.o.state.save();
    return this.outputsOf(stack, resolver, exports);
  }

  private async provision(
    provisioner: ResourceProvisioner,
    stack: CloudAssemblyStack,
    logicalId: string,
    resource: TemplateResource,
    resolver: TemplateResolver,
  ): Promise<Placed> {
    const type = resource.Type;
    const properties = this.resolveProperties(resolver, logicalId, resource.Properties);
    const request: ProvisionRequest = {
      stack,
      logicalId,
      type,
      properties,
      resource,
      generatedName: (maxLength) => generatedName(stack.stackName, logicalId, maxLength),
    };
    const recorded = this.o.state.get(stack.stackName, logicalId, type);
    let provisioned: ProvisionedResource;
    try {
      provisioned =
        recorded === undefined
          ? await provisioner.create(request)
          : await provisioner.update({ ...request, recorded });
    } catch (err) {
      if (err instanceof TemplateResolutionError) throw err;
      throw new Error(
        `Cannot provision ${stack.stackName}/${logicalId} (${type}): ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    const { physicalId } = provisioned;
    // Secrets answer `Fn::GetAtt` but never reach the state file.
    const attributes = { ...provisioned.attributes, ...provisioned.secretAttributes };
    this.o.state.set(stack.stackName, logicalId, { type, physicalId, attributes: provisioned.attributes });
    this.o.state.save();
    return { physicalId, attributes, handedOver: { logicalId, type, properties, physicalId, attributes } };
  }

  /** A resource whose type is not emulated: a stable made-up id and placeholder attributes. */
  private standIn(
    stack: CloudAssemblyStack,
    logicalId: string,
    resource: TemplateResource,
    resolver: TemplateResolver,
    notEmulated: Map<string, number>,
  ): Placed {
    const type = resource.Type;
    const family = this.o.registry.notEmulated(type);
    notEmulated.set(type, (notEmulated.get(type) ?? 0) + 1);
    let physicalId = this.o.state.get(stack.stackName, logicalId, type)?.physicalId;
    if (physicalId === undefined) {
      physicalId = family.newPhysicalId(stack.stackName, logicalId);
      this.o.state.set(stack.stackName, logicalId, { type, physicalId, attributes: {} });
    }
    const attributes = placeholderAttributes(type, physicalId, this.o.region, this.o.accountId);
    if (!family.keepsProperties) return { physicalId, attributes, handedOver: undefined };
    let properties: Record<string, unknown> = {};
    try {
      properties = this.resolveProperties(resolver, logicalId, resource.Properties);
    } catch (err) {
      // Not emulated: a property that cannot be resolved here must not stop the stack.
      this.o.log.warn(`${err instanceof Error ? err.message : String(err)} (not emulated; ignored)`);
    }
    return {
      physicalId,
      attributes,
      handedOver: { logicalId, type, properties, physicalId, attributes: {} },
    };
  }

  private resolveProperties(
    resolver: TemplateResolver,
    logicalId: string,
    properties: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    return (resolver.resolve(properties ?? {}, `${logicalId}.Properties`) ?? {}) as Record<string, unknown>;
  }

  private outputsOf(
    stack: CloudAssemblyStack,
    resolver: TemplateResolver,
    exports: Map<string, string>,
  ): Record<string, string> {
    const outputs: Record<string, string> = {};
    for (const [name, output] of Object.entries(stack.template.Outputs ?? {})) {
      if (
        output.Condition !== undefined &&
        !resolver.condition(output.Condition, `Outputs.${name}.Condition`)
      ) {
        continue;
      }
      const value = stringValue(resolver.resolve(output.Value, `Outputs.${name}.Value`));
      outputs[name] = value;
      if (output.Export?.Name !== undefined) {
        exports.set(stringValue(resolver.resolve(output.Export.Name, `Outputs.${name}.Export.Name`)), value);
      }
    }
    return outputs;
  }

  /** Deletes, through their provisioners, the resources that left the assembly. */
  private async deleteGone(previous: readonly ResolvedResource[], current: readonly ResolvedResource[]) {
    const still = new Set(current.map(identityKey));
    for (const gone of previous) {
      if (still.has(identityKey(gone))) continue;
      try {
        await this.o.registry.provisioner(gone.type)?.delete?.(gone);
      } catch (err) {
        this.o.log.warn(
          `Could not remove ${gone.logicalId} (${gone.type}): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }
}
