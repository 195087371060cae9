/**
 * Retries a transaction that PostgreSQL aborted to break a deadlock or a serialization conflict
 * (concurrent batches touching the same summary rows). Anything else is thrown at once.
 */
const RETRYABLE = new Set(['40P01', '40001']);

export async function withRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await run();
		} catch (err) {
			const code = (err as { code?: string }).code;
			if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw err;
			await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
		}
	}
}
