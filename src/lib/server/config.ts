import { z } from 'zod';

/**
 * Configuration comes only from environment variables, validated once at start-up.
 * A bad value stops the process with a message that names the variable.
 */
const port = z.coerce.number().int().min(1).max(65535);
const bool = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((v) => v === '1' || v === 'true' || v === 'yes');

export const configSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	PORT: port.default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	ORIGIN: z.url({ message: 'must be a URL such as https://truongso.example.vn' }).optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	/** Seed the demo province when the database is empty (default: on for the embedded database). */
	SEED_DEMO: bool.optional(),
	UPLOAD_DIR: z.string().min(1).optional(),
	UPLOAD_MAX_BYTES: z.coerce
		.number()
		.int()
		.min(1024)
		.default(20 * 1024 * 1024),
	SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
	/** Run the job worker in this process (scheduled and long jobs; see jobs/worker.ts). */
	JOBS_WORKER: bool.default(true),
	/** Pause of the job worker between polls when no job is due. */
	JOBS_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
	/** Requests per minute per API token on POST /api/v1/usage-events (0: no limit). */
	USAGE_API_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
	/** Log each request's SQL with its time (profiling; the query count is always in Server-Timing). */
	DB_LOG_QUERIES: bool.default(false),
	/**
	 * Prepared statements on a PostgreSQL server (db/prepared.ts): each connection plans a query
	 * once, not at every request. Turn off behind a pooler that cannot keep them (PgBouncer in
	 * transaction mode before 1.21). The embedded database never uses them.
	 */
	DB_PREPARED_STATEMENTS: bool.default(true),
	/**
	 * E-mail of the messages module: an SMTP URL (smtp://user:pass@host:587, smtps://...) sent
	 * through nodemailer, or "log" (the demo: e-mails are written to the log, not sent). Unset: no
	 * e-mail; the portal's own inbox always works.
	 */
	SMTP_URL: z
		.string()
		.regex(/^(smtps?:\/\/\S+|log)$/, { message: 'must be smtp://…, smtps://… or log' })
		.optional(),
	/** The sender of the portal's e-mails. */
	MAIL_FROM: z.string().min(3).max(200).default('Trường Số <no-reply@truongso.invalid>'),
	/**
	 * Web Push (VAPID, base64url as `web-push generate-vapid-keys` prints them): both or neither.
	 * Unset: a key pair is generated on first need and kept in the database (push_vapid_keys), so
	 * every portal process uses the same.
	 */
	VAPID_PUBLIC_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url P-256 public key')
		.optional(),
	VAPID_PRIVATE_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url P-256 private key')
		.optional(),
	/** Who runs the portal, told to the push services: a mailto: address or an https: URL. */
	VAPID_SUBJECT: z
		.string()
		.regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be mailto:… or https://…')
		.default('mailto:no-reply@truongso.invalid'),
	/**
	 * Push services a browser subscription may point at (host names, comma-separated; `*.` a
	 * subdomain wildcard; `host:port` for another port than 443).
	 */
	PUSH_ENDPOINT_HOSTS: z
		.string()
		.regex(/^[a-z0-9.*:,-]+$/i, 'must be host names separated by commas')
		.default(
			'fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com'
		)
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
	const cleaned = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const result = configSchema
		.refine((c) => (c.VAPID_PUBLIC_KEY === undefined) === (c.VAPID_PRIVATE_KEY === undefined), {
			message: 'set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither',
			path: ['VAPID_PRIVATE_KEY']
		})
		.safeParse(cleaned);
	if (!result.success) {
		const lines = result.error.issues.map(
			(issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`
		);
		throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
	}
	return result.data;
}

let cached: Config | undefined;

export function getConfig(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}

export function uploadDir(config: Config): string {
	return config.UPLOAD_DIR ?? `${config.DATA_DIR}/uploads`;
}
