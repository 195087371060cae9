import { randomBytes } from 'node:crypto';
import type { DB } from '../db';

/**
 * Keys shared by every portal process (the device cookie's HMAC key, the activation codes'
 * HMAC key): made once, kept in `server_secrets`, cached per database.
 */
const cache = new Map<string, WeakMap<DB, Promise<Buffer>>>();

async function loadSecret(db: DB, name: string): Promise<Buffer> {
	await db
		.insertInto('server_secrets')
		.values({ name, secret: randomBytes(32) })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const row = await db
		.selectFrom('server_secrets')
		.select('secret')
		.where('name', '=', name)
		.executeTakeFirstOrThrow();
	return Buffer.from(row.secret);
}

export function serverSecret(db: DB, name: string): Promise<Buffer> {
	let byDb = cache.get(name);
	if (!byDb) cache.set(name, (byDb = new WeakMap()));
	let secret = byDb.get(db);
	if (!secret) {
		secret = loadSecret(db, name);
		secret.catch(() => byDb.delete(db));
		byDb.set(db, secret);
	}
	return secret;
}
