import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TemplateResolutionError } from '../../../src/assembly/assembly-error.js';
import { LambdaRuntime } from '../../../src/lambda/lambda-runtime.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { lambdaFunctionProvisioner } from '../../../src/stack/provisioners/lambda-function.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-lambda-provisioner-'));
const stateDir = join(root, 'state');
const assemblyDir = join(root, 'cdk.out');
mkdirSync(join(assemblyDir, 'asset.fn'), { recursive: true });
writeFileSync(
  join(assemblyDir, 'asset.fn', 'index.mjs'),
  `export const handler = async (event, context) => ({
    memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    stage: process.env.STAGE,
    remaining: context.getRemainingTimeInMillis(),
  });`,
);
const log = createMemoryLogger();
const runtime = new LambdaRuntime({ region: 'us-east-1', log });
const provisioner = lambdaFunctionProvisioner({
  runtime,
  stateDir,
  region: 'us-east-1',
  accountId: '000000000000',
  log,
});
const asset = { resource: { Metadata: { 'aws:asset:path': 'asset.fn' } }, assemblyDir };

afterEach(() => {
  log.entries.length = 0;
});

afterAll(async () => {
  await runtime.close();
  rmSync(root, { recursive: true, force: true });
});

describe('lambdaFunctionProvisioner', () => {
  it("registers the asset's function with AWS's default memory and timeout, and answers its ARN", async () => {
    const request = provisionRequest(
      'AWS::Lambda::Function',
      { FunctionName: 'notes-api', Environment: { Variables: { STAGE: 1 } } },
      asset,
    );
    expect(await provisioner.create(request)).toEqual({
      physicalId: 'notes-api',
      attributes: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:notes-api' },
    });
    const result = await runtime.invoke('notes-api', {});
    expect(result).toMatchObject({ ok: true, payload: { memory: '128', stage: '1' } });
    const remaining = (result as { payload: { remaining: number } }).payload.remaining;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(3000);
  });

  it('keeps the recorded name on update when the template names no function', async () => {
    const request = provisionRequest('AWS::Lambda::Function', {}, { ...asset, logicalId: 'Fn' });
    const created = await provisioner.create(request);
    expect(created.physicalId).toBe('App-Fn-GENERATED');
    const updated = await provisioner.update(
      updateRequest(request, { physicalId: 'App-Fn-RECORDED', attributes: {} }),
    );
    expect(updated.physicalId).toBe('App-Fn-RECORDED');
    expect(runtime.functionNames()).toContain('App-Fn-RECORDED');
  });

  it('writes inline code out as index.js in the state directory', async () => {
    await provisioner.create(
      provisionRequest('AWS::Lambda::Function', {
        FunctionName: 'inline',
        Code: { ZipFile: 'exports.handler = async () => 42;' },
      }),
    );
    expect(readFileSync(join(stateDir, 'lambda-inline', 'inline', 'index.js'), 'utf8')).toContain('42');
    expect(await runtime.invoke('inline', {})).toEqual({ ok: true, payload: 42 });
  });

  it.each(['../escape', 'a/b', '', 'x'.repeat(65)])(
    'refuses the function name %j as CloudFormation would, writing nothing',
    async (name) => {
      const create = provisioner.create(
        provisionRequest('AWS::Lambda::Function', {
          FunctionName: name,
          Code: { ZipFile: 'exports.handler = async () => 1;' },
        }),
      );
      await expect(create).rejects.toBeInstanceOf(TemplateResolutionError);
      expect(existsSync(join(stateDir, 'escape'))).toBe(false);
    },
  );

  it('warns that layers are not emulated', async () => {
    await provisioner.create(
      provisionRequest('AWS::Lambda::Function', { FunctionName: 'layered', Layers: ['arn:layer'] }, asset),
    );
    expect(log.entries).toContainEqual({
      level: 'warn',
      msg: 'Thing: Lambda layers are not emulated; the function runs with its own code only',
    });
  });

  it('registers a function of another language without a word, and refuses its invocations', async () => {
    // CDK's BucketDeployment: a Python function with a layer, invoked only by a custom resource.
    await provisioner.create(
      provisionRequest(
        'AWS::Lambda::Function',
        { FunctionName: 'deploy-assets', Runtime: 'python3.13', Layers: ['arn:layer'] },
        asset,
      ),
    );
    expect(log.entries).toEqual([]);
    expect(runtime.functionNames()).toContain('deploy-assets');
    expect(await runtime.invoke('deploy-assets', {})).toMatchObject({
      ok: false,
      errorType: 'InvalidRuntimeException',
    });
  });

  it.each([
    ['neither inline code nor an asset', {}, 'neither inline code'],
    ['an asset folder that is gone', { Metadata: { 'aws:asset:path': 'asset.gone' } }, 'does not exist'],
  ])('refuses a function with %s, naming where', async (_case, resource, message) => {
    const request = provisionRequest(
      'AWS::Lambda::Function',
      { FunctionName: 'x' },
      { resource, assemblyDir },
    );
    const created = provisioner.create(request);
    await expect(created).rejects.toBeInstanceOf(TemplateResolutionError);
    await expect(created).rejects.toMatchObject({
      location: 'App/Thing.Properties.Code',
      reason: expect.stringContaining(message),
    });
    expect(existsSync(join(stateDir, 'lambda-inline', 'x'))).toBe(false);
  });

  it('unregisters a deleted function', async () => {
    await provisioner.create(provisionRequest('AWS::Lambda::Function', { FunctionName: 'gone' }, asset));
    await provisioner.delete?.({ logicalId: 'Thing', physicalId: 'gone' });
    expect(runtime.functionNames()).not.toContain('gone');
    expect(await runtime.invoke('gone', {})).toMatchObject({
      ok: false,
      errorType: 'ResourceNotFoundException',
    });
    expect(log.entries).toContainEqual({
      level: 'info',
      msg: 'Lambda function gone removed (no longer in the template)',
    });
  });
});
