import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db';
import { serverSecret } from '../auth/secrets';
import type { Tx } from '../roster/context';

/**
 * One-time activation codes. A code is 10 letters and digits of an alphabet without look-alikes
 * (about 50 bits), printed as "ABCDE-FGHJK"; only HMAC-SHA256(server secret, code) is stored, so
 * a copy of the table does not give the codes. A wrong guess is throttled like a sign-in
 * (activation.ts), and a code expires after `CODE_DAYS`.
 */
export const CODE_DAYS = 30;
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const SECRET_NAME = 'activation-code';

export function generateCode(): string {
	const out: string[] = [];
	const bytes = new Uint8Array(32);
	while (out.length < 10) {
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			// Rejection sampling keeps every character equally likely (248 = 8 x 31).
			if (b < 248 && out.length < 10) out.push(ALPHABET[b % ALPHABET.length]);
		}
	}
	return `${out.slice(0, 5).join('')}-${out.slice(5).join('')}`;
}

/** The code as typed ("abcde fghjk", "ABCDEFGHJK") in its printed form, or null. */
export function canonicalCode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s-]/g, '');
	if (compact.length !== 10 || [...compact].some((c) => !ALPHABET.includes(c))) return null;
	return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

export type CodeHasher = (code: string) => string;

/**
 * The code's HMAC function. Load it before opening a transaction: the first call reads the
 * secret through `db`, which must not be used inside a transaction on the embedded database.
 */
export async function codeHasher(db: DB): Promise<CodeHasher> {
	const secret = await serverSecret(db, SECRET_NAME);
	return (code) => createHmac('sha256', secret).update(code).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Issues a new code for a guardian row's or staff row's account (exactly one of `guardianId` and
 * `staffId`); the row's earlier open codes stop working. Returns the plain code (to be printed
 * once) and its expiry.
 */
export async function issueCode(
	trx: Tx,
	hashed: CodeHasher,
	row: { userId: number; schoolId: number; guardianId?: number; staffId?: number; actorId: number }
): Promise<{ code: string; expiresAt: Date }> {
	await revokeRowCodes(trx, row);
	const code = generateCode();
	const inserted = await trx
		.insertInto('activation_codes')
		.values({
			user_id: row.userId,
			school_id: row.schoolId,
			guardian_id: row.guardianId ?? null,
			staff_id: row.staffId ?? null,
			code_hash: hashed(code),
			expires_at: sql<Date>`now() + make_interval(days => ${CODE_DAYS})`,
			created_by: row.actorId
		})
		.returning('expires_at')
		.executeTakeFirstOrThrow();
	return { code, expiresAt: new Date(inserted.expires_at) };
}

/** The open codes of one guardian or staff row stop working. */
export async function revokeRowCodes(trx: Tx, row: { guardianId?: number; staffId?: number }) {
	await trx
		.updateTable('activation_codes')
		.set({ revoked_at: sql`now()` })
		.where((eb) =>
			row.staffId !== undefined
				? eb('staff_id', '=', row.staffId)
				: eb('guardian_id', '=', row.guardianId ?? -1)
		)
		.where('used_at', 'is', null)
		.where('revoked_at', 'is', null)
		.execute();
}

/**
 * The code of an existing account's slip (issue 8, item 10): the same form and expiry as a real
 * code, kept as an HMAC on the row's link requests to the accounts `userIds` (migration 0251), so
 * that /activate answers it as it answers a real code; it never activates anything.
 */
export async function issueDecoy(
	trx: Tx,
	hashed: CodeHasher,
	row: { guardianId?: number; staffId?: number; userIds: number[] }
): Promise<{ code: string; expiresAt: Date }> {
	const code = generateCode();
	const column = row.staffId !== undefined ? sql`staff_id` : sql`guardian_id`;
	const { rows } = await sql<{ x: Date }>`with t as (
			select now() + make_interval(days => ${CODE_DAYS}) as x),
		u as (update guardian_link_requests set code_hash = ${hashed(code)},
				code_expires_at = (select x from t)
			where ${column} = ${row.staffId ?? row.guardianId ?? -1}
				and user_id = any(${row.userIds}::int[])
			returning id)
		select x from t`.execute(trx);
	return { code, expiresAt: new Date(rows[0].x) };
}
