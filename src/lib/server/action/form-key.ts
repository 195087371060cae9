import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { FORM_KEY } from '$lib/schemas/common';
import { DomainError } from '../errors';
import type { RequestContext } from './context';

/**
 * Idempotent POSTs for one-time values (issue 9, item 10): a new API token, a generated password,
 * activation codes cannot be shown after a redirect, so such a form carries a random `formKey`
 * (from the page load: `newFormKey()`), and the action runs its service through `onceByFormKey`.
 * The first POST with a key runs it and keeps the answer (table `form_keys`, migration 0210); the
 * same key again (a reload re-sending the form) gets the same answer and creates nothing.
 *
 * The row is found by a hash of (user, action, key) and its answer is encrypted (AES-256-GCM)
 * with a key derived from the form key, which only the browser that got the page holds. Rows
 * older than a day are removed on the next use.
 */
export const formKeySchema = z.string().regex(FORM_KEY);
const KEEP_MS = 24 * 60 * 60 * 1000;

export function newFormKey(): string {
	return randomBytes(18).toString('base64url');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function seal(value: unknown, formKey: string): Buffer {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sha256(`form-key-seal:${formKey}`), iv);
	const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open<T>(sealed: Uint8Array, formKey: string): T {
	const bytes = Buffer.from(sealed);
	const decipher = createDecipheriv(
		'aes-256-gcm',
		sha256(`form-key-seal:${formKey}`),
		bytes.subarray(0, 12)
	);
	decipher.setAuthTag(bytes.subarray(12, 28));
	const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
	return JSON.parse(text.toString('utf8')) as T;
}

/**
 * Runs `run` once per (user, action, form key): the first call's answer (JSON-serialisable), or
 * the stored one with `reused: true`. A failed run leaves no trace, so the form can be sent again;
 * a repeat while the first is still running is refused (`form_key_busy`, 409-like, nothing done).
 */
export async function onceByFormKey<T>(
	ctx: Pick<RequestContext, 'db' | 'principal'>,
	action: string,
	formKey: string,
	run: () => Promise<T>
): Promise<{ value: T; reused: boolean }> {
	const { db } = ctx;
	const userId = ctx.principal.userId;
	const keyHash = sha256(`form-key-id:${userId}:${action}:${formKey}`);
	await db
		.deleteFrom('form_keys')
		.where('created_at', '<', new Date(Date.now() - KEEP_MS))
		.execute();
	const claimed = await db
		.insertInto('form_keys')
		.values({ key_hash: keyHash, user_id: userId })
		.onConflict((oc) => oc.column('key_hash').doNothing())
		.returning('user_id')
		.executeTakeFirst();
	if (!claimed) {
		const row = await db
			.selectFrom('form_keys')
			.select('result')
			.where('key_hash', '=', keyHash)
			.executeTakeFirst();
		if (!row?.result) throw new DomainError('form_key_busy');
		return { value: open<T>(row.result, formKey), reused: true };
	}
	try {
		const value = await run();
		await db
			.updateTable('form_keys')
			.set({ result: seal(value, formKey) })
			.where('key_hash', '=', keyHash)
			.execute();
		return { value, reused: false };
	} catch (err) {
		await db.deleteFrom('form_keys').where('key_hash', '=', keyHash).execute();
		throw err;
	}
}
