/**
 * The program each Lambda instance runs in its worker thread. It is kept as plain JavaScript text and started
 * with `eval: true` so that it runs the same from the TypeScript sources (tests) and from the built package,
 * and so no test transform rewrites its dynamic `import()`.
 *
 * Protocol (parent → worker): `{ type: 'invoke', id, payload, requestId, deadline }` where `payload` is the
 * event as JSON text (Lambda hands functions JSON, not live objects) and `deadline` an epoch time in ms.
 * Worker → parent: `{ type: 'result', id, ok: true, payload }` (JSON text, or undefined) or
 * `{ type: 'result', id, ok: false, errorType, errorMessage }`.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');

const data = workerData;
let currentRequestId = undefined;

// Lambda's Node runtime writes "<time>\t<request id>\t<LEVEL>\t<message>" for each console call.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'WARN' || level === 'ERROR' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    stream.write(new Date().toISOString() + '\t' + (currentRequestId || 'undefined') + '\t' + level + '\t' + format(...args) + '\n');
  };
}

let handlerPromise;
function loadHandler() {
  if (handlerPromise) return handlerPromise;
  handlerPromise = (async () => {
    const spec = data.handler;
    const dot = spec.lastIndexOf('.');
    if (dot <= 0) throw Object.assign(new Error('Bad handler ' + spec + ': expected <module>.<export>'), { name: 'Runtime.MalformedHandlerName' });
    const moduleName = spec.slice(0, dot);
    const exportPath = spec.slice(dot + 1).split('.');
    const candidates = ['.mjs', '.js', '.cjs'].map((ext) => join(data.codeDir, moduleName + ext));
    const file = candidates.find((f) => existsSync(f));
    if (!file) throw Object.assign(new Error("Cannot find module '" + moduleName + "' in " + data.codeDir), { name: 'Runtime.ImportModuleError' });
    // The version query makes a rebuilt file load afresh instead of from the module cache.
    const mod = await import(pathToFileURL(file).href + '?v=' + encodeURIComponent(data.codeVersion));
    let fn = mod;
    for (const key of exportPath) fn = fn == null ? undefined : fn[key];
    if (typeof fn !== 'function' && mod.default) {
      fn = mod.default;
      for (const key of exportPath) fn = fn == null ? undefined : fn[key];
    }
    if (typeof fn !== 'function') throw Object.assign(new Error(spec + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
    return fn;
  })();
  return handlerPromise;
}

function errorFields(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: err.message, stack: err.stack };
  return { errorType: typeof err === 'string' ? 'string' : 'Error', errorMessage: typeof err === 'string' ? err : format(err) };
}

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  currentRequestId = msg.requestId;
  const context = {
    awsRequestId: msg.requestId,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: data.functionArn,
    memoryLimitInMB: String(data.memoryMb),
    logGroupName: '/aws/lambda/' + data.functionName,
    logStreamName: data.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - Date.now()),
  };
  try {
    const handler = await loadHandler();
    const event = JSON.parse(msg.payload);
    let result;
    if (handler.length >= 3) {
      // Callback-style handler (older Node runtimes).
      result = await new Promise((resolve, reject) => {
        const maybe = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
        if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
      });
    } else {
      result = await handler(event, context);
    }
    const payload = result === undefined ? undefined : JSON.stringify(result);
    parentPort.postMessage({ type: 'result', id: msg.id, ok: true, payload });
  } catch (err) {
    const fields = errorFields(err);
    console.error('Invoke Error', JSON.stringify({ errorType: fields.errorType, errorMessage: fields.errorMessage, stack: fields.stack ? String(fields.stack).split('\n') : [] }));
    parentPort.postMessage({ type: 'result', id: msg.id, ok: false, errorType: fields.errorType, errorMessage: fields.errorMessage });
  } finally {
    currentRequestId = undefined;
  }
});
parentPort.postMessage({ type: 'ready' });
`;
