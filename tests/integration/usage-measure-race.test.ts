import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import { addDays, todayIso } from '../../src/lib/dates';
import { resolveEvents, storeEvents } from '../../src/lib/server/usage/ingest';
import { recordMeasurements } from '../../src/lib/server/usage/status';
import { connectTestDb, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { createTestToken, platformId, runId, userId } from '../helpers/usage';

/**
 * Two event batches for the same school and platform, from two new teachers, on days of different
 * weeks, in transactions that overlap: they share no summary row, so only the pair's own lock makes
 * the second measure after the first commits. Without it the second batch counted from a snapshot
 * without the first teacher, and its update was skipped as "unchanged": one active teacher short
 * until the daily run. A PostgreSQL server only (the embedded database has one connection at once).
 */
const onServer = inject('databaseKind') === 'postgres';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let lms: number;
const today = todayIso();

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	qt = await schoolIdByName(db, QUANG_TRUNG);
	lms = await platformId(db, 'lms');
});
afterAll(() => close());

/** Active teachers of the pair in 30 days, counted from the usage rows. */
async function counted() {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n
		from usage_teacher_platform tp join staff t on t.id = tp.staff_id
		where tp.school_id = ${qt} and tp.platform_id = ${lms} and tp.last_on >= ${addDays(today, -29)}
			and t.active and t.position <> 'staff'`.execute(db);
	return rows[0].n;
}

async function stored() {
	const row = await db
		.selectFrom('school_platforms')
		.select('measured_active')
		.where('school_id', '=', qt)
		.where('platform_id', '=', lms)
		.executeTakeFirstOrThrow();
	return row.measured_active;
}

describe.skipIf(!onServer)('the measurement of concurrent batches', () => {
	it('counts both teachers when two batches of one school and platform overlap', async () => {
		const run = runId();
		const emails = [`race-a-${run}@example.test`, `race-b-${run}@example.test`];
		await db
			.insertInto('staff')
			.values(
				emails.map((email, i) => ({
					school_id: qt,
					code: `R${i}-${run}`,
					full_name: 'Giáo viên thử',
					email
				}))
			)
			.execute();
		await db.transaction().execute((trx) => recordMeasurements(trx, { schoolIds: [qt] }, today));
		const { scope } = await createTestToken(
			db,
			{ schoolId: qt, platformId: lms },
			await userId(db, 'quangtrung.admin@demo.example')
		);
		const target = { kind: 'api', token: scope } as const;
		const at = (day: string) => `${day}T03:00:00.000Z`;
		const [a, b] = await Promise.all(
			[
				{ id: `${run}-a`, day: today, email: emails[0] },
				{ id: `${run}-b`, day: addDays(today, -8), email: emails[1] }
			].map(async (e) => {
				const { valid, rejected } = await resolveEvents(db, target, [
					{ id: e.id, platform: 'lms', teacherEmail: e.email, occurredAt: at(e.day) }
				]);
				expect(rejected).toEqual([]);
				return valid;
			})
		);
		const before = await counted();

		let commitFirst!: () => void;
		const held = new Promise<void>((resolve) => (commitFirst = resolve));
		let firstStored!: () => void;
		const stored1 = new Promise<void>((resolve) => (firstStored = resolve));
		const first = db.transaction().execute(async (trx) => {
			await storeEvents(trx, target, a);
			firstStored();
			await held;
		});
		await stored1;
		const second = db.transaction().execute((trx) => storeEvents(trx, target, b));
		// the second batch reaches the pair while the first is still open
		await new Promise((r) => setTimeout(r, 500));
		commitFirst();
		await Promise.all([first, second]);

		// (other test files may log usage of their own at the school meanwhile)
		const now = await counted();
		expect(now - before).toBeGreaterThanOrEqual(2);
		expect(await stored()).toBe(now);
	});
});
