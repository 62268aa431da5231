import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPathOf, readCloudAssembly } from '../../src/assembly/cloud-assembly.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'basic-app');
let temp: string;

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value));
}

function stackArtifact(templateFile: string, extra: Record<string, unknown> = {}) {
  return { type: 'aws:cloudformation:stack', properties: { templateFile }, ...extra };
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'gatehouse-assembly-'));
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('readCloudAssembly', () => {
  it('reads the stacks of a synthesized app with their templates and asset folders', () => {
    const assembly = readCloudAssembly(fixture);
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['BasicApp']);
    const stack = assembly.stacks[0]!;
    expect(stack.region).toBeUndefined();
    expect(stack.template.Resources.ApiFn?.Type).toBe('AWS::Lambda::Function');
    expect(assetPathOf(stack, stack.template.Resources.ApiFn!)).toBe(join(fixture, 'asset.apifn'));
    expect(assetPathOf(stack, stack.template.Resources.ItemsTable!)).toBeUndefined();
  });

  it('orders stacks after the stacks they depend on and reads nested stage assemblies', () => {
    const dir = join(temp, 'ordered');
    mkdirSync(join(dir, 'assembly-Stage'), { recursive: true });
    const template = { Resources: { T: { Type: 'AWS::SNS::Topic' } } };
    writeJson(join(dir, 'A.template.json'), template);
    writeJson(join(dir, 'B.template.json'), template);
    writeJson(join(dir, 'assembly-Stage', 'C.template.json'), template);
    writeJson(join(dir, 'manifest.json'), {
      artifacts: {
        A: stackArtifact('A.template.json', {
          dependencies: ['B'],
          environment: 'aws://123456789012/eu-west-1',
        }),
        B: stackArtifact('B.template.json'),
        Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } },
      },
    });
    writeJson(join(dir, 'assembly-Stage', 'manifest.json'), {
      artifacts: {
        'Stage-C': stackArtifact('C.template.json', {
          properties: { templateFile: 'C.template.json', stackName: 'Stage-C' },
        }),
      },
    });
    const assembly = readCloudAssembly(dir);
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['B', 'A', 'Stage-C']);
    expect(assembly.stacks[1]?.region).toBe('eu-west-1');
  });

  it.each([
    ['a folder that does not exist', 'missing', 'does not exist (run cdk synth first)'],
    ['a folder without a manifest', 'empty', 'Cannot read Cloud assembly manifest'],
    ['a manifest that is not JSON', 'badjson', 'is not valid JSON'],
    ['a template without Resources', 'noresources', 'has no "Resources" object'],
    ['a manifest without stacks', 'nostacks', 'holds no CloudFormation stack'],
  ])('explains %s', (_name, folder, message) => {
    const dir = join(temp, folder);
    if (folder !== 'missing') mkdirSync(dir, { recursive: true });
    if (folder === 'badjson') writeFileSync(join(dir, 'manifest.json'), '{');
    if (folder === 'noresources') {
      writeJson(join(dir, 'manifest.json'), { artifacts: { S: stackArtifact('S.template.json') } });
      writeJson(join(dir, 'S.template.json'), { Outputs: {} });
    }
    if (folder === 'nostacks') writeJson(join(dir, 'manifest.json'), { artifacts: {} });
    expect(() => readCloudAssembly(dir)).toThrow(message);
  });
});
