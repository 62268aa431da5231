// Prints the API's routes as a Markdown table, read from the contract itself, for the README.
// Usage: node scripts/routes-table.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = `
import { apiContract, listRoutes } from '@org/contracts';
const rule = (r) => r.scopes.map((s) => '\`' + s + '\`').join(' or ') + (r.groups ? ' in group ' + r.groups.join(', ') : '');
const access = (a) => a.kind === 'public' ? 'public' : [a.users && 'users: ' + rule(a.users), a.services && 'services: ' + rule(a.services)].filter(Boolean).join('; ');
const rows = listRoutes(apiContract).map(({ name, route }) => {
  const statuses = Object.keys(route.responses).map(Number).filter((s) => s !== route.successStatus);
  const inputs = [route.params && 'params', route.query && 'query', route.headers && 'headers', route.body && 'JSON body'].filter(Boolean);
  return '| \`' + route.method + '\` | \`' + route.path + '\` | \`' + name + '\` | ' + access(route.access) + ' | ' +
    (inputs.join(', ') || '—') + ' | ' + route.successStatus + ' | ' + statuses.join(', ') + ' | ' + route.summary + ' |';
});
console.log(['| Method | Path | Route | Who (any one scope admits) | Input | Success | Errors | What it does |', '|---|---|---|---|---|---|---|---|', ...rows].join('\\n'));
`;
const result = await build({
  stdin: { contents: source, resolveDir: root, loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  conditions: ['@org/source', 'module'],
  logLevel: 'warning',
});
await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
