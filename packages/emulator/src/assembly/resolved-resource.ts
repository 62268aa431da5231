/**
 * A template resource after provisioning: its properties with every intrinsic resolved, and what it
 * answers to `Ref` (`physicalId`) and `Fn::GetAtt` (`attributes`).
 */
export interface ResolvedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  physicalId: string;
  attributes: Record<string, string>;
}
