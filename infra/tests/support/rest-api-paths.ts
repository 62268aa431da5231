import type { Template } from 'aws-cdk-lib/assertions';

interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

/** A method of the synthesized REST API with the full path of its resource, as API Gateway would route it. */
export interface SynthesizedMethod {
  readonly logicalId: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly properties: Record<string, unknown>;
}

/** Rebuilds each `AWS::ApiGateway::Method`'s path from the `ParentId`/`PathPart` chain of its resource. */
export function synthesizedMethods(template: Template): SynthesizedMethod[] {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, CfnResource>;
  const pathOf = (ref: unknown): string => {
    const logicalId = (ref as { Ref?: string }).Ref;
    // The root resource is referenced as Fn::GetAtt [RestApi, RootResourceId].
    if (logicalId === undefined) return '';
    const resource = resources[logicalId];
    if (resource === undefined) throw new Error(`No AWS::ApiGateway::Resource ${logicalId}`);
    return `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}`;
  };
  const methods = template.findResources('AWS::ApiGateway::Method') as Record<string, CfnResource>;
  return Object.entries(methods).map(([logicalId, method]) => ({
    logicalId,
    httpMethod: String(method.Properties.HttpMethod),
    path: pathOf(method.Properties.ResourceId) || '/',
    properties: method.Properties,
  }));
}

/** The one logical id of a resource type, failing when there is not exactly one. */
export function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`Expected exactly one ${type}, found ${ids.length}`);
  return ids[0] as string;
}
