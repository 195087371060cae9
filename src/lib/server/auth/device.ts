import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DB } from '../db';
import { serverSecret } from './secrets';

/**
 * The trusted-device cookie: a browser that signed in to an account successfully gets
 * `<device id>.<HMAC(secret, user id + device id)>`. When it signs in to that account again, its
 * failures count on its own allowance, so wrong guesses elsewhere cannot lock the rightful user
 * out. The secret lives in the database so every portal process shares it.
 */
export const DEVICE_COOKIE = 'device';
const SECRET_NAME = 'device-cookie';

const deviceSecret = (db: DB) => serverSecret(db, SECRET_NAME);

const mac = (secret: Buffer, userId: number, deviceId: string) =>
	createHmac('sha256', secret).update(`${userId}.${deviceId}`).digest('base64url');

/** A new cookie value for a browser that just signed in as `userId`. */
export async function issueDeviceToken(db: DB, userId: number, deviceId?: string): Promise<string> {
	const id = deviceId ?? randomBytes(16).toString('base64url');
	return `${id}.${mac(await deviceSecret(db), userId, id)}`;
}

/** The device id of a cookie that this portal issued to a browser signed in as `userId`, or null. */
export async function trustedDeviceId(
	db: DB,
	userId: number,
	token: string | null | undefined
): Promise<string | null> {
	const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
	if (!match) return null;
	const expected = Buffer.from(mac(await deviceSecret(db), userId, match[1]));
	const given = Buffer.from(match[2]);
	return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
