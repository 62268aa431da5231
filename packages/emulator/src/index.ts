// Logging
export {
  childLogger,
  createConsoleLogger,
  createMemoryLogger,
  type EmulatorLogger,
  type LogEntry,
  silentLogger,
} from './logger.js';
