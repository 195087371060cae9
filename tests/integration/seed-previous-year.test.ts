import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import { recomputeYearSummaries } from '../../src/lib/server/grades/summaries';
import { reportCardIndex } from '../../src/lib/server/grades/report-card';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Issue 11, demo seed: the pilot schools have the finished previous school year. Its stored
 * figures are the portal's own rules applied to its scores (a recompute changes nothing), every
 * pupil's rollover outcome is their final decision, and the repeater is in a class of the grade
 * they repeated.
 */
let db: DB;
let close: () => Promise<void>;
let lastYear: number;
/** the seed's classes of last year (other test files add classes of that year while this runs) */
let seeded: number[];
beforeAll(async () => {
	({ db, close } = connectTestDb());
	const row = await db
		.selectFrom('school_years')
		.select('id')
		// the year before the current one (other files add later years of their own)
		.where('starts_on', '<', (eb) =>
			eb.selectFrom('school_years as c').select('c.starts_on').where('c.is_current', '=', true)
		)
		.orderBy('starts_on', 'desc')
		.executeTakeFirstOrThrow();
	lastYear = row.id;
	// 7G is the seed's last class of that year: every class the seed made came no later
	const { rows } = await sql<{ id: number }>`select c.id from classes c
		where c.school_year_id = ${lastYear} and c.created_at <= (select g.created_at from classes g
			where g.school_year_id = ${lastYear} and g.name = '7G')`.execute(db);
	seeded = rows.map((r) => r.id);
});
afterAll(() => close());

describe.each([QUANG_TRUNG, NGUYEN_TAT_THANH])('the previous year of %s', (name) => {
	it('has a whole year for every pupil: both semesters, conduct, a final decision', async () => {
		const schoolId = await schoolIdByName(db, name);
		const { rows } = await sql<{ enrolled: number; summarised: number; decided: number }>`
			select count(*)::int as enrolled,
				count(y.student_id)::int as summarised,
				count(y.final_decision)::int as decided
			from student_enrolments e
			join class_rollovers r on r.class_id = e.class_id
			left join grade_year_summaries y
				on y.student_id = e.student_id and y.school_year_id = e.school_year_id
			where e.school_id = ${schoolId} and e.school_year_id = ${lastYear}
				and e.class_id = any(${seeded}::int[])`.execute(db);
		expect(rows[0].enrolled).toBeGreaterThan(500);
		expect(rows[0].summarised).toBe(rows[0].enrolled);
		expect(rows[0].decided).toBe(rows[0].enrolled);
	});

	it('stores what the rules compute from its scores: a recompute changes nothing', async () => {
		const schoolId = await schoolIdByName(db, name);
		const classes = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('school_year_id', '=', lastYear)
			.where('id', 'in', seeded)
			.execute();
		expect(classes.length).toBeGreaterThan(5);
		const read = () =>
			db
				.selectFrom('grade_year_summaries')
				.select([
					'student_id',
					'learning_year',
					'conduct_year',
					'decision',
					'final_decision',
					'award',
					'retest_subject_ids'
				])
				.where('school_id', '=', schoolId)
				.where('school_year_id', '=', lastYear)
				.where('class_id', 'in', seeded)
				.orderBy('student_id')
				.execute();
		const stored = await read();
		let recomputed: typeof stored = [];
		await inRolledBackTransaction(db, async (trx) => {
			for (const c of classes) await recomputeYearSummaries(trx, c.id);
			recomputed = await trx
				.selectFrom('grade_year_summaries')
				.select([
					'student_id',
					'learning_year',
					'conduct_year',
					'decision',
					'final_decision',
					'award',
					'retest_subject_ids'
				])
				.where('school_id', '=', schoolId)
				.where('school_year_id', '=', lastYear)
				.where('class_id', 'in', seeded)
				.orderBy('student_id')
				.execute();
		});
		expect(recomputed).toEqual(stored);
		expect(stored.some((s) => s.award !== null)).toBe(true);
		expect(stored.some((s) => s.retest_subject_ids.length > 0)).toBe(true);
	});

	it('records each outcome as the final decision; the repeater is in a class of that grade', async () => {
		const schoolId = await schoolIdByName(db, name);
		const { rows } = await sql<{ outcome: string; final: string; last: number; now: number }>`
			select e.outcome, y.final_decision as final, lc.grade as last, nc.grade as now
			from student_enrolments e
			join grade_year_summaries y
				on y.student_id = e.student_id and y.school_year_id = e.school_year_id
			join classes lc on lc.id = e.class_id
			join students st on st.id = e.student_id
			join classes nc on nc.id = st.class_id
			join class_rollovers r on r.class_id = e.class_id
			where e.school_id = ${schoolId} and e.school_year_id = ${lastYear}
				and e.class_id = any(${seeded}::int[])`.execute(db);
		for (const r of rows) {
			expect(r.outcome).toBe(r.final);
			expect(r.now).toBe(r.final === 'repeat' ? r.last : r.last + 1);
		}
		expect(rows.filter((r) => r.outcome === 'repeat')).toHaveLength(1);
	});
});

describe('the class left to roll over (Quang Trung 7G)', () => {
	it('has four promoted pupils, one repeater and one still in summer re-tests, none moved', async () => {
		const schoolId = await schoolIdByName(db, QUANG_TRUNG);
		const { rows } = await sql<{
			name: string;
			decision: string;
			final: string | null;
			outcome: string | null;
		}>`
			select st.full_name as name, y.decision, y.final_decision as final, e.outcome
			from classes c
			join student_enrolments e on e.class_id = c.id
			join students st on st.id = e.student_id and st.class_id = c.id
			join grade_year_summaries y
				on y.student_id = e.student_id and y.school_year_id = e.school_year_id
			where c.school_id = ${schoolId} and c.school_year_id = ${lastYear} and c.name = '7G'
			order by st.full_name`.execute(db);
		expect(rows).toHaveLength(6);
		expect(rows.every((r) => r.outcome === null)).toBe(true);
		const final = (name: string) => rows.find((r) => r.name === name)!;
		expect(final('Sùng Thị Mai').final).toBe('repeat');
		expect(final('Nông Văn Sơn')).toMatchObject({ decision: 'summer_retest', final: null });
		expect(rows.filter((r) => r.final === 'promoted')).toHaveLength(4);
	});
});

describe('last year’s report card', () => {
	it('is published and locked, and the homeroom teacher finds it under last year', async () => {
		const schoolId = await schoolIdByName(db, QUANG_TRUNG);
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const index = await reportCardIndex(db, teacher, schoolId, null, lastYear);
		expect(index.yearId).toBe(lastYear);
		expect(index.classes.length).toBeGreaterThan(0);
		const cls = index.classes[0];
		const chosen = await reportCardIndex(db, teacher, schoolId, cls.id, lastYear);
		expect(chosen.selected!.pupils.length).toBeGreaterThan(20);
		expect([...chosen.selected!.published].sort()).toEqual(['end1', 'mid1', 'mid2', 'year']);
		const locks = await db
			.selectFrom('grade_checkpoints')
			.select(['checkpoint', 'locks_on'])
			.where('school_id', '=', schoolId)
			.where('school_year_id', '=', lastYear)
			.execute();
		expect(locks).toHaveLength(4);
		for (const l of locks) expect(l.locks_on! < new Date().toISOString().slice(0, 10)).toBe(true);
	});
});
