import { type GatewayResponseContext, mappedHeaders } from './gateway-responses.js';
import type { IntegrationModel } from './rest-api-model.js';

/** The answer of a `MOCK` integration. */
export interface MockResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

const VTL = /(^|\n)\s*#(set|if|foreach|end|else)\b|\$input\.|\$context\.|\$util\./;

/**
 * The status code the request template asks for: `{ statusCode: 200 }` (what CDK writes, and what the
 * console suggests). A template without one selects 200.
 */
function requestedStatus(integration: IntegrationModel): string {
  const template =
    integration.requestTemplates['application/json'] ?? Object.values(integration.requestTemplates)[0];
  const m = template === undefined ? null : /["']?statusCode["']?\s*:\s*["']?(\d{3})/.exec(template);
  return m?.[1] ?? '200';
}

/**
 * CDK's CORS preflight with several allowed origins answers with the first origin and uses a VTL response
 * template to put the caller's `Origin` instead when it is one of the others:
 * `#if($origin == "https://b" || …) #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)`.
 * We do not run VTL; we read the origins out of that template and do the same comparison.
 */
function overriddenOrigin(template: string, origin: string | undefined): string | undefined {
  if (
    origin === undefined ||
    !template.includes('$context.responseOverride.header.Access-Control-Allow-Origin')
  ) {
    return undefined;
  }
  const allowed = [...template.matchAll(/\$origin\s*==\s*"([^"]*)"/g)].map((m) => m[1]);
  return allowed.includes(origin) ? origin : undefined;
}

/**
 * Answers a `MOCK` integration (CDK's CORS preflight `OPTIONS` methods among others): the integration response
 * selected by the request template's status code (`SelectionPattern` matched against it, else the default
 * response without a pattern), its `method.response.header.*` parameters as headers, and its
 * `application/json` template as the body.
 *
 * Simplified: response templates are not run as VTL. A template without VTL is sent as it is; a template with
 * VTL yields an empty body, except that CDK's multi-origin CORS template is honoured (see `overriddenOrigin`).
 */
export function answerMock(integration: IntegrationModel, ctx: GatewayResponseContext): MockResponse {
  const wanted = requestedStatus(integration);
  const responses = integration.integrationResponses;
  const selected =
    responses.find(
      (r) =>
        r.selectionPattern !== undefined &&
        r.selectionPattern !== '' &&
        new RegExp(`^(?:${r.selectionPattern})$`).test(wanted),
    ) ?? responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
  if (!selected) return { status: Number(wanted), headers: [['Content-Type', 'application/json']], body: '' };

  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ...mappedHeaders(selected.responseParameters, 'method.response', ctx),
  ];
  const template = selected.responseTemplates['application/json'] ?? '';
  let body = template;
  if (VTL.test(template)) {
    body = '';
    const origin = overriddenOrigin(template, ctx.headers.origin);
    if (origin !== undefined) {
      const i = headers.findIndex(([name]) => name.toLowerCase() === 'access-control-allow-origin');
      if (i >= 0) headers[i] = [headers[i]![0], origin];
      else headers.push(['Access-Control-Allow-Origin', origin]);
    }
  }
  return { status: Number(selected.statusCode), headers, body };
}
