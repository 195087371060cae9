import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { foldText } from '../../src/lib/text';
import { connectTestDb, NGUYEN_TAT_THANH, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The database itself refuses what the services already refuse (migration 0091), so a bug or a
 * script cannot link one school's rows to another's. Every write here fails or is rolled back.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
beforeAll(async () => {
	({ db, close } = connectTestDb(2));
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
});
afterAll(() => close());

const FOREIGN_KEY = { code: '23503' };
const CHECK = { code: '23514' };

/** Runs one statement in a transaction of its own (a refused statement rolls it back). */
const attempt = (run: (trx: DB) => Promise<unknown>) => db.transaction().execute(run);

async function firstId(table: 'staff' | 'classes' | 'school_checklist_items', schoolId: number) {
	const row = await db
		.selectFrom(table)
		.select('id')
		.where('school_id', '=', schoolId)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe('links between rows of one school', () => {
	it('refuses a homeroom teacher from another school', async () => {
		const otherTeacher = await firstId('staff', ntt);
		const cls = await firstId('classes', qt);
		await expect(
			attempt((trx) =>
				trx
					.updateTable('classes')
					.set({ homeroom_staff_id: otherTeacher })
					.where('id', '=', cls)
					.execute()
			)
		).rejects.toMatchObject(FOREIGN_KEY);
	});

	it("refuses to put a pupil in another school's class", async () => {
		const otherClass = await firstId('classes', ntt);
		const pupil = await db
			.selectFrom('students')
			.select('id')
			.where('school_id', '=', qt)
			.executeTakeFirstOrThrow();
		await expect(
			attempt((trx) =>
				trx
					.updateTable('students')
					.set({ class_id: otherClass })
					.where('id', '=', pupil.id)
					.execute()
			)
		).rejects.toMatchObject(FOREIGN_KEY);
	});

	it("refuses a teaching assignment to another school's teacher", async () => {
		const subject = await db.selectFrom('subjects').select('id').executeTakeFirstOrThrow();
		const cls = await firstId('classes', qt);
		const otherTeacher = await firstId('staff', ntt);
		await expect(
			attempt((trx) =>
				trx
					.insertInto('teaching_assignments')
					.values({ school_id: qt, class_id: cls, subject_id: subject.id, staff_id: otherTeacher })
					.onConflict((oc) => oc.doNothing())
					.execute()
			)
		).rejects.toMatchObject(FOREIGN_KEY);
	});

	it("refuses a checklist item that belongs to another school's checklist", async () => {
		const item = await firstId('school_checklist_items', qt);
		await expect(
			attempt((trx) =>
				trx
					.updateTable('school_checklist_items')
					.set({ school_id: ntt })
					.where('id', '=', item)
					.execute()
			)
		).rejects.toMatchObject(FOREIGN_KEY);
	});

	it('refuses a school created or changed by a user that does not exist', async () => {
		await expect(
			attempt((trx) =>
				trx.updateTable('schools').set({ updated_by: -1 }).where('id', '=', qt).execute()
			)
		).rejects.toMatchObject(FOREIGN_KEY);
	});
});

describe('history rows', () => {
	it('accept only the sources and actions the services write', async () => {
		const item = await db
			.selectFrom('school_checklist_items')
			.select(['id', 'checklist_id'])
			.where('school_id', '=', qt)
			.executeTakeFirstOrThrow();
		const platform = await db.selectFrom('platforms').select('id').executeTakeFirstOrThrow();
		await expect(
			attempt((trx) =>
				sql`insert into school_platform_history (school_id, platform_id, to_status, source)
						values (${qt}, ${platform.id}, 'in_use', 'guess')`.execute(trx)
			)
		).rejects.toMatchObject(CHECK);
		await expect(
			attempt((trx) =>
				sql`insert into checklist_history (checklist_id, item_id, school_id, action)
						values (${item.checklist_id}, ${item.id}, ${qt}, 'deleted')`.execute(trx)
			)
		).rejects.toMatchObject(CHECK);
	});
});

describe('values the database keeps', () => {
	it('folds every school name and code like the search box does', async () => {
		const schools = await db
			.selectFrom('schools')
			.select(['name', 'code', 'search_text'])
			.execute();
		expect(schools.length).toBeGreaterThan(0);
		const differing = schools.filter((s) => s.search_text !== foldText(`${s.name} ${s.code}`));
		expect(differing).toEqual([]);
	});

	it('gives a new platform a not-started row at every school', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			// One snapshot: a school another test adds meanwhile is neither counted nor missed.
			await sql`set transaction isolation level repeatable read`.execute(trx);
			const platform = await trx
				.insertInto('platforms')
				.values({
					code: 'so-tay-thu',
					name_vi: 'Sổ tay',
					name_en: 'Notebook',
					group_code: 'teaching'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const counts = await sql<{ rows: number; schools: number }>`
				select (select count(*) from school_platforms
						where platform_id = ${platform.id} and status = 'not_started')::int as rows,
					(select count(*) from schools)::int as schools`.execute(trx);
			expect(counts.rows[0].rows).toBe(counts.rows[0].schools);
		});
	});
});
