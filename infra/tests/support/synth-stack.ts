import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { apiAssetsIn } from '../../src/functions/api-assets.js';
import { GatehouseStack, type GatehouseStackProps } from '../../src/gatehouse-stack.js';

/** Tiny stand-ins for the api bundles, so the tests never depend on the api's build. */
export const FIXTURE_ASSETS = apiAssetsIn(fileURLToPath(new URL('../fixtures/api', import.meta.url)));

/** A one-page stand-in for the web app's build. */
export const FIXTURE_WEB_DIST = fileURLToPath(new URL('../fixtures/web', import.meta.url));

/** The feature flags of cdk.json, so the tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface SynthesizedStack {
  readonly stack: GatehouseStack;
  readonly template: Template;
  /** Findings of cdk-nag's AWS Solutions pack that no acknowledgement covers. */
  readonly nag: PolicyValidationPluginReport;
}

/** Synthesizes one Gatehouse stack from the fixture bundles and runs cdk-nag over it. Takes seconds: share it. */
export function synthStack(props: Partial<GatehouseStackProps> = {}): SynthesizedStack {
  const app = new App({ context: cdkJsonContext() });
  const stack = new GatehouseStack(app, props.stage === 'prod' ? 'Gatehouse-prod' : 'Gatehouse-dev', {
    stage: 'dev',
    assets: FIXTURE_ASSETS,
    webDistDir: FIXTURE_WEB_DIST,
    corsAllowedOrigins: ['*'],
    ...props,
  });
  const template = Template.fromStack(stack);
  const nag = new AwsSolutionsChecks().validateScope(stack);
  return { stack, template, nag };
}
