import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import type { YearDecisionValue } from '../../src/lib/server/db/tables/homeroom';
import type { RolloverTargets } from '../../src/lib/schemas/rollover';
import { loadReportCard } from '../../src/lib/server/grades/report-card';
import { classPupils } from '../../src/lib/server/grades/queries';
import {
	commitRollover,
	rolloverPlan,
	rolloverTargets
} from '../../src/lib/server/roster/rollover';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { inRolledBackTransaction, runId } from '../helpers/usage';

/**
 * Enrolment history and the year rollover (issue 11): every test builds its own classes of the
 * finished year 2025-2026 at Quang Trung (THCS) with its own pupils; writes that must commit (the
 * concurrent double submit, all or nothing) use classes nobody else reads.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let admin: Principal;
let otherAdmin: Principal;
let lastYear: number;
let thisYear: number;
const actor = () => ({ principal: admin, requestId: 'year-rollover-test' });
const school = () => ({ id: qt, level: 'THCS' as const });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	otherAdmin = await principalOf(db, 'nguyentatthanh.admin@demo.example');
	const years = await db.selectFrom('school_years').select(['id', 'name']).execute();
	lastYear = years.find((y) => y.name === '2025-2026')!.id;
	thisYear = years.find((y) => y.name === '2026-2027')!.id;
});
afterAll(() => close());

type Pupil = { name: string; decision: YearDecisionValue | null; final?: 'promoted' | 'repeat' };

/** A class of `yearId` with pupils and their stored promotion list (and `year` published). */
async function finishedClass(q: DB, grade: number, pupils: Pupil[], yearId = lastYear) {
	const tag = runId();
	const cls = await q
		.insertInto('classes')
		.values({ school_id: qt, school_year_id: yearId, grade, name: `YR${grade}-${tag}` })
		.returning(['id', 'name'])
		.executeTakeFirstOrThrow();
	const ids: number[] = [];
	for (const [i, p] of pupils.entries()) {
		const st = await q
			.insertInto('students')
			.values({ school_id: qt, class_id: cls.id, code: `YR${i}-${tag}`, full_name: p.name })
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.push(st.id);
		if (p.decision === null && !p.final) continue;
		await q
			.insertInto('grade_year_summaries')
			.values({
				school_id: qt,
				class_id: cls.id,
				student_id: st.id,
				school_year_id: yearId,
				decision: p.decision,
				final_decision: p.final ?? null,
				retest_subject_ids: [],
				updated_at: new Date()
			})
			.execute();
	}
	await q
		.insertInto('grade_publications')
		.values(['end1', 'year'].map((c) => ({ class_id: cls.id, checkpoint: c as 'year' })))
		.execute();
	return { ...cls, ids, tag };
}

const CLASS_OF = [
	{ name: 'An', decision: 'promoted' },
	{ name: 'Bình', decision: 'repeat' },
	{ name: 'Chi', decision: 'summer_retest' },
	{ name: 'Dũng', decision: null },
	{ name: 'Giang', decision: 'summer_retest', final: 'promoted' }
] satisfies Pupil[];

async function currentClass(q: DB, grade: number, tag: string) {
	return q
		.insertInto('classes')
		.values({ school_id: qt, school_year_id: thisYear, grade, name: `YR${grade}N-${tag}` })
		.returning(['id', 'name'])
		.executeTakeFirstOrThrow();
}

const enrolments = (q: DB, ids: number[]) =>
	q
		.selectFrom('student_enrolments')
		.select(['student_id', 'school_year_id', 'class_id', 'outcome'])
		.where('student_id', 'in', ids)
		.orderBy('student_id')
		.orderBy('school_year_id')
		.execute();

describe('enrolment history', () => {
	it('is kept by every roster change: a new pupil, a move within the year, a removal', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cls = await finishedClass(trx, 7, [{ name: 'Hà', decision: null }], thisYear);
			const other = await currentClass(trx, 7, cls.tag);
			const [id] = cls.ids;
			expect(await enrolments(trx, [id])).toEqual([
				{ student_id: id, school_year_id: thisYear, class_id: cls.id, outcome: null }
			]);
			await trx.updateTable('students').set({ class_id: other.id }).where('id', '=', id).execute();
			expect((await enrolments(trx, [id])).map((e) => e.class_id)).toEqual([other.id]);
			await trx.updateTable('students').set({ class_id: null }).where('id', '=', id).execute();
			expect(await enrolments(trx, [id])).toEqual([]);
		});
	});
});

describe('the rollover preview', () => {
	it('maps the promotion list to moves and leaves the undecided where they are', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cls = await finishedClass(trx, 8, CLASS_OF);
			const plan = await rolloverPlan(trx, school(), cls.id);
			expect(plan.nextYear).toMatchObject({ id: thisYear, isCurrent: true });
			const byName = Object.fromEntries(plan.pupils.map((p) => [p.fullName, [p.move, p.reason]]));
			expect(byName).toEqual({
				An: ['promote', null],
				Bình: ['repeat', null],
				Chi: ['undecided', 'summer_retest'],
				Dũng: ['undecided', 'no_result'],
				Giang: ['promote', null]
			});
		});
	});

	it('puts each target error beside its field', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cls = await finishedClass(trx, 8, CLASS_OF);
			const nine = await currentClass(trx, 9, cls.tag);
			const eight = await currentClass(trx, 8, cls.tag);
			const plan = await rolloverPlan(trx, school(), cls.id);
			const none: RolloverTargets = {
				promoteTo: null,
				promoteNew: null,
				repeatTo: null,
				repeatNew: null
			};
			const refused = (input: typeof none) =>
				rolloverTargets(trx, plan, input).then(
					() => null,
					(e) => [e.field, e.code]
				);
			expect(await refused(none)).toEqual(['promoteTo', 'rollover_target_required']);
			expect(await refused({ ...none, promoteTo: eight.id })).toEqual([
				'promoteTo',
				'rollover_target_wrong'
			]);
			expect(await refused({ ...none, promoteTo: nine.id, promoteNew: '9Z' })).toEqual([
				'promoteNew',
				'rollover_target_both'
			]);
			expect(await refused({ ...none, promoteNew: nine.name, repeatTo: eight.id })).toEqual([
				'promoteNew',
				'roster_class_name_taken'
			]);
			expect(await refused({ ...none, promoteTo: nine.id })).toEqual([
				'repeatTo',
				'rollover_target_required'
			]);
			expect(await refused({ ...none, promoteTo: nine.id, repeatTo: eight.id })).toBeNull();
		});
	});

	it('answers 404 for a class of another school and to another school admin', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cls = await finishedClass(trx, 8, CLASS_OF);
			await expect(rolloverPlan(trx, { id: ntt, level: 'THPT' }, cls.id)).rejects.toMatchObject({
				status: 404
			});
			const input = { classId: cls.id, signature: 'x', promoteTo: null, repeatTo: null };
			const commit = { ...input, promoteNew: '9Q', repeatNew: '8Q' };
			await expect(
				commitRollover(trx, { principal: otherAdmin }, qt, commit)
			).rejects.toMatchObject({ status: 404 });
			await expect(commitRollover(trx, actor(), ntt, commit)).rejects.toMatchObject({
				status: 404
			});
			await expect(
				commitRollover(trx, actor(), qt, { ...commit, classId: 2_147_483_647 })
			).rejects.toMatchObject({ status: 404 });
		});
	});
});

describe('the rollover commit', () => {
	it('moves the decided pupils, keeps last year with last year’s class, runs once', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cls = await finishedClass(trx, 8, CLASS_OF);
			const eight = await currentClass(trx, 8, cls.tag);
			const plan = await rolloverPlan(trx, school(), cls.id);
			const input = {
				classId: cls.id,
				signature: plan.signature,
				promoteTo: null,
				promoteNew: `9-${cls.tag}`.slice(0, 30),
				repeatTo: eight.id,
				repeatNew: null
			};
			const { moved, promoteClassId } = await commitRollover(trx, actor(), qt, input);
			expect(moved).toBe(3);
			const [an, binh, chi, dung, giang] = cls.ids;
			const now = await trx
				.selectFrom('students')
				.select(['id', 'class_id'])
				.where('id', 'in', cls.ids)
				.orderBy('id')
				.execute();
			expect(now.map((s) => s.class_id)).toEqual([
				promoteClassId,
				eight.id,
				cls.id,
				cls.id,
				promoteClassId
			]);
			const history = await enrolments(trx, cls.ids);
			expect(history.filter((e) => e.school_year_id === lastYear)).toEqual(
				[an, binh, chi, dung, giang].map((id, i) => ({
					student_id: id,
					school_year_id: lastYear,
					class_id: cls.id,
					outcome: [`promoted`, 'repeat', null, null, 'promoted'][i]
				}))
			);
			expect(history.filter((e) => e.school_year_id === thisYear)).toHaveLength(3);
			// last year's gradebooks and summary keep all five pupils
			expect((await classPupils(trx, cls.id)).map((p) => p.fullName).sort()).toEqual(
				CLASS_OF.map((p) => p.name).sort()
			);
			// last year's report card names last year's class; the current one the new class
			const past = await loadReportCard(trx, admin, an, 'year', {
				permission: 'class.homeroom',
				schoolId: qt,
				yearId: lastYear
			});
			expect(past).toMatchObject({ published: true, card: { grades: { className: cls.name } } });
			const current = await loadReportCard(trx, admin, an, 'year', {
				permission: 'class.homeroom',
				schoolId: qt
			});
			expect(current).toMatchObject({ published: false, className: input.promoteNew });
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'entity_id'])
				.where('request_id', '=', 'year-rollover-test')
				.where('action', 'in', ['class.rollover', 'student.rollover', 'class.create'])
				.execute();
			expect(audit.map((a) => a.action).sort()).toEqual([
				'class.create',
				'class.rollover',
				'student.rollover',
				'student.rollover',
				'student.rollover'
			]);
			// again with the same form: refused, nobody enrolled twice
			await expect(commitRollover(trx, actor(), qt, input)).rejects.toMatchObject({
				code: 'rollover_already_done'
			});
			expect(await enrolments(trx, cls.ids)).toEqual(history);
			// a pupil decided after the summer moves in a second run, alone
			await trx
				.updateTable('grade_year_summaries')
				.set({ final_decision: 'repeat' })
				.where('student_id', '=', chi)
				.execute();
			const again = await rolloverPlan(trx, school(), cls.id);
			await expect(
				commitRollover(trx, actor(), qt, { ...input, signature: plan.signature })
			).rejects.toMatchObject({ code: 'rollover_changed' });
			const second = await commitRollover(trx, actor(), qt, {
				...input,
				signature: again.signature,
				promoteNew: null
			});
			expect(second.moved).toBe(1);
			expect((await enrolments(trx, [chi, dung])).length).toBe(3);
		});
	});

	it('graduates the last grade and enrols into a year that is not current yet', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const next = await trx
				.insertInto('school_years')
				.values({ name: '2027-2028', starts_on: '2027-09-05', ends_on: '2028-05-31' })
				.returning('id')
				.executeTakeFirstOrThrow();
			const cls = await finishedClass(
				trx,
				9,
				[
					{ name: 'Khánh', decision: 'promoted' },
					{ name: 'Lan', decision: 'repeat' }
				],
				thisYear
			);
			const plan = await rolloverPlan(trx, school(), cls.id);
			expect(plan.pupils.map((p) => p.move)).toEqual(['graduate', 'repeat']);
			const input = { classId: cls.id, signature: plan.signature, promoteTo: null };
			await commitRollover(trx, actor(), qt, {
				...input,
				promoteNew: null,
				repeatTo: null,
				repeatNew: '9R'
			});
			const [khanh, lan] = cls.ids;
			const rows = await trx
				.selectFrom('students')
				.select(['id', 'class_id', 'active'])
				.where('id', 'in', cls.ids)
				.orderBy('id')
				.execute();
			// the repeater keeps this year's class until 2027-2028 is current; her next one is enrolled
			expect(rows).toEqual([
				{ id: khanh, class_id: cls.id, active: false },
				{ id: lan, class_id: cls.id, active: true }
			]);
			const lanNext = (await enrolments(trx, [lan])).find((e) => e.school_year_id === next.id);
			expect(lanNext?.class_id).toBeTypeOf('number');
			// the graduate still shows in this year's class lists
			expect((await classPupils(trx, cls.id)).map((p) => p.id).sort()).toEqual([khanh, lan].sort());
		});
	});
});

describe('the rollover under failure and concurrency (committed rows)', () => {
	it('is all or nothing when a write fails half way', async () => {
		const cls = await finishedClass(db, 9, [
			{ name: 'Minh', decision: 'repeat' },
			{ name: 'Nga', decision: 'promoted' }
		]);
		const [minh, nga] = cls.ids;
		const fn = `yr_fail_${cls.tag.replace(/\W/g, '_')}`;
		// the graduate's update fails after the repeater was moved
		await sql
			.raw(
				`create function ${fn}() returns trigger language plpgsql as $$ begin ` +
					`raise exception 'injected'; end $$; ` +
					`create trigger ${fn} before update of active on students for each row ` +
					`when (new.id = ${nga}) execute function ${fn}();`
			)
			.execute(db);
		try {
			const plan = await rolloverPlan(db, school(), cls.id);
			await expect(
				commitRollover(db, actor(), qt, {
					classId: cls.id,
					signature: plan.signature,
					promoteTo: null,
					promoteNew: null,
					repeatTo: null,
					repeatNew: `9F-${cls.tag}`.slice(0, 30)
				})
			).rejects.toThrow(/injected/);
		} finally {
			await sql.raw(`drop trigger ${fn} on students; drop function ${fn}();`).execute(db);
		}
		const rows = await db
			.selectFrom('students')
			.select(['class_id', 'active'])
			.where('id', 'in', [minh, nga])
			.execute();
		expect(rows).toEqual([
			{ class_id: cls.id, active: true },
			{ class_id: cls.id, active: true }
		]);
		expect((await enrolments(db, cls.ids)).map((e) => [e.class_id, e.outcome])).toEqual([
			[cls.id, null],
			[cls.id, null]
		]);
		const created = await db
			.selectFrom('classes')
			.select('id')
			.where('name', '=', `9F-${cls.tag}`.slice(0, 30))
			.execute();
		expect(created).toEqual([]);
		const run = await db
			.selectFrom('class_rollovers')
			.select('class_id')
			.where('class_id', '=', cls.id)
			.execute();
		expect(run).toEqual([]);
	});

	it('gives one result to a concurrent double submit and a clear refusal to the other', async () => {
		const cls = await finishedClass(db, 9, [
			{ name: 'Oanh', decision: 'promoted' },
			{ name: 'Phúc', decision: 'promoted' }
		]);
		const plan = await rolloverPlan(db, school(), cls.id);
		const input = {
			classId: cls.id,
			signature: plan.signature,
			promoteTo: null,
			promoteNew: null,
			repeatTo: null,
			repeatNew: null
		};
		const both = await Promise.allSettled([
			commitRollover(db, actor(), qt, input),
			commitRollover(db, actor(), qt, input)
		]);
		expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ code: 'rollover_already_done' });
		const rows = await db
			.selectFrom('class_rollovers')
			.select(['moved', 'runs'])
			.where('class_id', '=', cls.id)
			.execute();
		expect(rows).toEqual([{ moved: 2, runs: 1 }]);
	});
});
