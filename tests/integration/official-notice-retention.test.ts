import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { DatabaseFileStorage } from '../../src/lib/server/files/database-storage';
import { cutoff, purgeExpired, setRetention } from '../../src/lib/server/messages/retention';
import { openOfficialNotice } from '../../src/lib/server/official-notices/read';
import {
	OFFICIAL_BATCH,
	purgeOfficialNotices
} from '../../src/lib/server/official-notices/retention';
import { insertOfficialNotice } from '../../src/lib/server/official-notices/send';
import { connectTestDb } from '../helpers/context';
import { makeDepartment } from '../helpers/department';
import { createTestSchool } from '../helpers/rollout';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Retention of official notices (issue 13): the daily job deletes an official notice, its schools'
 * rows, its reads and its files (database file store) once every target school's retention has
 * passed, and keeps it while one school still keeps it; batches of OFFICIAL_BATCH taken with
 * SKIP LOCKED let two purges run at once without deleting anything twice or failing. Everything
 * in a department and schools of the test's own.
 */
let db: DB;
let close: () => Promise<void>;
let department: Principal;
let departmentId: number;
type School = Awaited<ReturnType<typeof createTestSchool>>;
/** short: 60 days of retention; long: the default 730 */
let short: School, long: School;
const tag = `OR${process.pid % 1000}${Date.now() % 100000}`;
const files = () => new DatabaseFileStorage(db);
const codesOf = async (schools: School[]) =>
	(
		await db
			.selectFrom('schools')
			.select('code')
			.where(
				'id',
				'in',
				schools.map((s) => s.schoolId)
			)
			.execute()
	).map((r) => r.code);

/** A notice to the listed schools, sent `daysAgo` days ago, with a PDF when asked. */
async function notice(schools: School[], daysAgo: number, withFile = false) {
	const codes = await codesOf(schools);
	const { id } = await db.transaction().execute((trx) =>
		insertOfficialNotice(
			trx,
			department,
			{ departmentId, areaId: null },
			{
				title: 'Công văn cũ',
				body: 'Nội dung',
				includeTeachers: false,
				schools: codes
			}
		)
	);
	await sql`update official_notices set sent_at = now() - make_interval(days => ${daysAgo})
		where id = ${id}`.execute(db);
	let key: string | null = null;
	if (withFile) {
		key = (await files().put(new TextEncoder().encode('%PDF-1.4\n'))).key;
		await db
			.insertInto('official_notice_attachments')
			.values({
				notice_id: id,
				storage_key: key,
				file_name: 'cv.pdf',
				content_type: 'application/pdf',
				size_bytes: 9
			})
			.execute();
	}
	return { id, key };
}

const exists = async (id: number) =>
	(await db.selectFrom('official_notices').select('id').where('id', '=', id).execute()).length > 0;
const fileExists = async (key: string) =>
	(await db.selectFrom('files').select('id').where('id', '=', key).execute()).length > 0;
const rowsOf = async (table: 'official_notice_schools' | 'official_notice_reads', id: number) =>
	(await db.selectFrom(table).select('school_id').where('notice_id', '=', id).execute()).length;

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	const made = await makeDepartment(db, tag);
	department = made.principal;
	departmentId = made.departmentId;
	const area = { id: made.areas[0].id, department_id: departmentId };
	short = await createTestSchool(db, area);
	long = await createTestSchool(db, area);
	await setRetention(
		db,
		{ principal: short.admin, requestId: 'official-retention' },
		short.schoolId,
		{
			days: 60,
			version: 0
		}
	);
});
afterAll(() => close());

describe('retention of official notices', () => {
	it('deletes a notice, its rows, reads and files when every target school’s retention has passed, and only then', async () => {
		const kept = await notice([short, long], 100, true); // the long school still keeps it
		const gone = await notice([short], 100, true); // past the only school's 60 days
		const old = await notice([short, long], 800, true); // past both
		const recent = await notice([short], 10);
		await openOfficialNotice(db, short.admin, short.schoolId, old.id);
		expect(await rowsOf('official_notice_reads', old.id)).toBe(1);

		const result = await purgeOfficialNotices(db, files(), new Date(), cutoff);
		expect(result.notices).toBeGreaterThanOrEqual(2);
		expect(result.files).toBeGreaterThanOrEqual(2);
		for (const n of [gone, old]) {
			expect(await exists(n.id)).toBe(false);
			expect(await fileExists(n.key!)).toBe(false);
			expect(await rowsOf('official_notice_schools', n.id)).toBe(0);
			expect(await rowsOf('official_notice_reads', n.id)).toBe(0);
			expect(
				await db
					.selectFrom('official_notice_attachments')
					.select('id')
					.where('notice_id', '=', n.id)
					.execute()
			).toEqual([]);
		}
		expect(await exists(kept.id)).toBe(true);
		expect(await fileExists(kept.key!)).toBe(true);
		expect(await (await files().get(kept.key!))?.size).toBe(9);
		expect(await exists(recent.id)).toBe(true);
		expect(await rowsOf('official_notice_schools', kept.id)).toBe(2);
	});

	it('is part of the daily job’s purge (purgeExpired)', async () => {
		const gone = await notice([short], 200, true);
		await inRolledBackTransaction(db, async (trx) => {
			const result = await purgeExpired(trx, new DatabaseFileStorage(trx));
			expect(result.officialNotices).toBeGreaterThanOrEqual(1);
			expect(result.officialFiles).toBeGreaterThanOrEqual(1);
			const left = await trx
				.selectFrom('official_notices')
				.select('id')
				.where('id', '=', gone.id)
				.execute();
			expect(left).toEqual([]);
		});
		expect(await exists(gone.id)).toBe(true); // rolled back
		await purgeOfficialNotices(db, files(), new Date(), cutoff);
		expect(await exists(gone.id)).toBe(false);
	});

	it('two purges at once delete each expired notice once, in batches, without failing', async () => {
		const count = OFFICIAL_BATCH * 2 + 7;
		const { rows } = await sql<{ id: number }>`insert into official_notices
				(department_id, title, body, sent_by, sent_at, school_count)
			select ${departmentId}::int, 'Công văn ' || g, 'Nội dung', ${department.userId}::int,
				now() - interval '900 days', 1
			from generate_series(1, ${count}::int) g returning id`.execute(db);
		const ids = rows.map((r) => r.id);
		await sql`insert into official_notice_schools (notice_id, school_id)
			select id, ${long.schoolId}::int from unnest(${ids}::int[]) id`.execute(db);
		const aborted = new AbortController();
		aborted.abort();
		expect(await purgeOfficialNotices(db, files(), new Date(), cutoff, aborted.signal)).toEqual({
			notices: 0,
			files: 0
		});
		const results = await Promise.all([
			purgeOfficialNotices(db, files(), new Date(), cutoff),
			purgeOfficialNotices(db, files(), new Date(), cutoff)
		]);
		const left = await db
			.selectFrom('official_notices')
			.select('id')
			.where('id', 'in', ids)
			.execute();
		expect(left).toEqual([]);
		// each notice deleted once: the two counts add up to ours (plus any other test's expired one)
		const deleted = results[0].notices + results[1].notices;
		expect(deleted).toBeGreaterThanOrEqual(count);
		expect(deleted).toBeLessThan(count + OFFICIAL_BATCH);
	});
});
