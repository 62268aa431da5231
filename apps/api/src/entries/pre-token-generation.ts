import { loadTriggerConfig } from '../config/api-config.js';
import { createLogger } from '../logging/create-logger.js';
import { createPreTokenGenerationHandler } from '../pre-token-generation/pre-token-generation-handler.js';

const config = loadTriggerConfig(process.env);

/** The pre-token-generation trigger's entry point (`index.handler`). */
export const handler = createPreTokenGenerationHandler(createLogger(config));
