import type { CloudAssemblyStack, TemplateResource } from '../assembly/cloud-assembly.js';
import type { RecordedResource } from './stack-state.js';

/** One resource of a template, with its properties resolved, as handed to its type's provisioner. */
export interface ProvisionRequest {
  stack: CloudAssemblyStack;
  logicalId: string;
  type: string;
  /** The properties with every intrinsic function resolved. */
  properties: Record<string, unknown>;
  /** The resource as the template writes it (its metadata names asset folders). */
  resource: TemplateResource;
  /** A name in CloudFormation's style (`<stack>-<logicalId>-<random>`), for a resource the template names not. */
  generatedName(maxLength: number): string;
}

/** An update: the same, with what the state directory recorded for the resource last time. */
export interface UpdateRequest extends ProvisionRequest {
  recorded: RecordedResource;
}

/** What a provisioned resource answers to `Ref` and `Fn::GetAtt`. */
export interface ProvisionedResource {
  /** What `Ref` answers (a table name, a pool id, a REST API id...). */
  physicalId: string;
  /** What `Fn::GetAtt` answers, kept in the state directory so ids stay stable across runs. */
  attributes: Record<string, string>;
  /** More `Fn::GetAtt` answers that are secrets (a client secret): never written to the state directory. */
  secretAttributes?: Record<string, string>;
}

/**
 * Creates, updates and deletes the resources of one CloudFormation type in the local services, as
 * CloudFormation would (one module per type, listed in `provisioner-registry.ts`).
 *
 * The deployer calls `update` when the state directory recorded the resource (same stack, logical id and
 * type), `create` otherwise. An update whose resource vanished from its service creates it again.
 */
export interface ResourceProvisioner {
  create(request: ProvisionRequest): Promise<ProvisionedResource>;
  update(request: UpdateRequest): Promise<ProvisionedResource>;
  /**
   * Removes a resource that left the template while the stack runs. Left out where the resource holds the
   * user's data (tables, pools): the state directory is the user's, so those are kept until `--reset`.
   */
  delete?(resource: {
    logicalId: string;
    physicalId: string;
    /** What `Fn::GetAtt` answered (the pool of a pool's sub-resource). */
    attributes?: Record<string, string>;
  }): Promise<void>;
}

/**
 * How resources of types no provisioner runs are stood in for, so that templates referring to them still
 * resolve (`Ref` gives a stable made-up id, `Fn::GetAtt` a placeholder).
 */
export interface NotEmulatedFamily {
  matches(type: string): boolean;
  /** A physical id of the family's shape, for a resource the state directory has not recorded yet. */
  newPhysicalId(stackName: string, logicalId: string): string;
  /**
   * Whether the resource, with what of its properties can be resolved, is still handed to the services
   * (the gateway reads API Gateway models and validators it does not emulate).
   */
  keepsProperties: boolean;
}
