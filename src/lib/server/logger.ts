import pino from 'pino';

/** Structured JSON logs on stdout; one line per event. */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
	base: { service: 'truong-so' },
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) }
});

export type Logger = typeof logger;
