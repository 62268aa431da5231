import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { AppContextKeys, gatehouseStackName, parseAppConfig } from '../src/config/app-config.js';
import { InfraError } from '../src/errors/infra-error.js';
import { apiAssetsIn, assertApiAssets } from '../src/functions/api-assets.js';
import { GatehouseStack } from '../src/gatehouse-stack.js';
import { assertWebAssets } from '../src/web/web-assets.js';

// The app's one entry point: read configuration once, check the api bundles exist, build one stage's stack.
// Env-agnostic (no account/region): synthesis needs no credentials and makes no lookups.
function main(): void {
  const app = new App();
  const config = parseAppConfig(
    Object.fromEntries(
      Object.values(AppContextKeys).map((key) => [key, app.node.tryGetContext(key) as unknown]),
    ),
  );
  const assets = apiAssetsIn(fileURLToPath(new URL('../../apps/api/dist', import.meta.url)));
  assertApiAssets(assets);
  // The web app's build output, never its source, as with the api.
  const webDistDir = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
  assertWebAssets(webDistDir);

  new GatehouseStack(app, gatehouseStackName(config.stage), {
    description: `Gatehouse (${config.stage}): Cognito user pool with managed login, API Gateway REST API, Lambda, DynamoDB and the web app on CloudFront.`,
    stage: config.stage,
    assets,
    webDistDir,
    corsAllowedOrigins: config.corsAllowedOrigins,
    apiStageName: config.apiStageName,
    logLevel: config.logLevel,
    authDomainPrefix: config.authDomainPrefix,
    oauthCallbackUrls: config.oauthCallbackUrls,
    oauthLogoutUrls: config.oauthLogoutUrls,
    emailOtpSignIn: config.emailOtpSignIn,
    ses: config.ses,
  });
}

try {
  main();
} catch (error) {
  // Configuration mistakes are the user's to fix: say what is wrong without a stack trace.
  if (!(error instanceof InfraError)) throw error;
  console.error(`${error.name}: ${error.message}`);
  process.exitCode = 1;
}
