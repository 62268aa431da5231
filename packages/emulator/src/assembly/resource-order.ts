import { TemplateResolutionError } from './assembly-error.js';
import type { CloudFormationTemplate } from './cloud-assembly.js';
import { isRecord } from './intrinsic-functions.js';

/** Logical ids that `value` refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub`. */
export function referencedResources(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedResources(item, into);
    return into;
  }
  if (!isRecord(value)) return into;
  for (const [key, arg] of Object.entries(value)) {
    if (key === 'Ref' && typeof arg === 'string' && !arg.startsWith('AWS::')) into.add(arg);
    else if (key === 'Fn::GetAtt') {
      const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(arg) ? arg[0] : arg;
      const variables = Array.isArray(arg) && isRecord(arg[1]) ? arg[1] : {};
      if (typeof text === 'string') {
        for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = (match[1] as string).trim();
          if (name.startsWith('AWS::') || Object.hasOwn(variables, name)) continue;
          into.add(name.split('.')[0] as string);
        }
      }
      if (Array.isArray(arg)) referencedResources(arg[1], into);
      continue;
    }
    referencedResources(arg, into);
  }
  return into;
}

/**
 * The template's resources in an order where each comes after every resource it references or
 * `DependsOn` (CloudFormation's creation order). Parameters are not resources and are ignored.
 *
 * @throws TemplateResolutionError on a dependency cycle, naming the resources in it.
 */
export function orderResources(template: CloudFormationTemplate, stackName: string): string[] {
  const resources = template.Resources;
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (logicalId: string, path: string[]): void => {
    const mark = state.get(logicalId);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      throw new TemplateResolutionError(
        `${stackName}/${logicalId}`,
        `resources depend on each other in a cycle: ${[...path, logicalId].join(' → ')}`,
      );
    }
    state.set(logicalId, 'visiting');
    const resource = resources[logicalId];
    const deps = referencedResources(resource?.Properties ?? {});
    const dependsOn = resource?.DependsOn;
    for (const d of typeof dependsOn === 'string' ? [dependsOn] : (dependsOn ?? [])) deps.add(d);
    for (const dep of deps) {
      if (resources[dep] !== undefined && dep !== logicalId) visit(dep, [...path, logicalId]);
    }
    state.set(logicalId, 'done');
    ordered.push(logicalId);
  };
  for (const logicalId of Object.keys(resources)) visit(logicalId, []);
  return ordered;
}
