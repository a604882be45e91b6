import { pino, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/config.js';

/**
 * One logger for every process: JSON lines in production (and whenever LOG_FORMAT=json), readable
 * lines in development. HTTP requests get a child logger carrying the request id (see api module).
 */
export function loggerOptions(config: Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL' | 'LOG_FORMAT'>, name: string): LoggerOptions {
  const format = config.LOG_FORMAT ?? (config.NODE_ENV === 'production' ? 'json' : 'pretty');
  return {
    name,
    level: config.LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'], censor: '[redacted]' },
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  };
}

export function createLogger(config: Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL' | 'LOG_FORMAT'>, name: string): Logger {
  return pino(loggerOptions(config, name));
}
