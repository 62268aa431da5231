// Writes dist/openapi.json from the contract (run by `build`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { apiContract } from '../src/index.js';
import { buildOpenApiDocument } from '../src/openapi.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const document = buildOpenApiDocument(apiContract, {
  title: 'Gatehouse API',
  version: pkg.version,
  description: 'Notes owned by Cognito users, behind API Gateway with a Cognito authorizer.',
});
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/openapi.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi.json: ${Object.keys(document.paths as object).length} paths`);
