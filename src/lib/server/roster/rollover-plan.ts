import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
	planSignature,
	rolloverMove,
	type PromotionRecord,
	type RolloverMove,
	type UndecidedReason
} from '../../grades/rollover';
import { gradesOf } from '../../school-levels';
import type { Database, SchoolLevel } from '../db/schema';
import { notFound } from '../auth/access';
import { enrolledIn } from './enrolments';

type Db = Kysely<Database>;

export interface RolloverSource {
	id: number;
	name: string;
	grade: number;
	yearId: number;
	yearName: string;
}

export interface PlannedPupil {
	id: number;
	code: string;
	fullName: string;
	move: RolloverMove;
	reason: UndecidedReason | null;
	alreadyMoved: boolean;
	/** the next year's class the pupil is already in (a rollover ran for them) */
	movedTo: string | null;
}

export interface TargetOption {
	id: number;
	name: string;
	grade: number;
}

export interface RolloverPlan {
	schoolId: number;
	source: RolloverSource;
	nextYear: { id: number; name: string; isCurrent: boolean } | null;
	pupils: PlannedPupil[];
	/** the next year's active classes of the next grade (promotions) and of the same grade (repeaters) */
	promoteOptions: TargetOption[];
	repeatOptions: TargetOption[];
	signature: string;
	done: { moved: number; runs: number; at: Date } | null;
}

/** The school year that follows `yearId` (the next by start date), or null. */
export async function nextYearOf(db: Db, yearId: number) {
	const row = await db
		.selectFrom('school_years as y')
		.innerJoin('school_years as n', (j) => j.onRef('n.starts_on', '>', 'y.starts_on'))
		.select(['n.id', 'n.name', 'n.is_current as isCurrent'])
		.where('y.id', '=', yearId)
		.orderBy('n.starts_on')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

/** A class of the school (any year), or 404. */
export async function sourceClass(db: Db, schoolId: number, classId: number, lock = false) {
	let query = db
		.selectFrom('classes as c')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select(['c.id', 'c.name', 'c.grade', 'c.school_year_id as yearId', 'y.name as yearName'])
		.where('c.id', '=', classId)
		.where('c.school_id', '=', schoolId);
	if (lock) query = query.forUpdate('c');
	return (await query.executeTakeFirst()) ?? notFound();
}

/** The promotion list of the class: the stored year summaries (secondary) or year results (primary). */
async function promotionRecords(db: Db, source: RolloverSource) {
	const records = new Map<number, PromotionRecord>();
	if (source.grade <= 5) {
		const rows = await db
			.selectFrom('primary_year_results as r')
			.leftJoin('primary_promotion_decisions as d', (j) =>
				j
					.onRef('d.student_id', '=', 'r.student_id')
					.onRef('d.school_year_id', '=', 'r.school_year_id')
			)
			.select(['r.student_id', 'r.result', 'd.decision'])
			.where('r.class_id', '=', source.id)
			.where('r.school_year_id', '=', source.yearId)
			.execute();
		for (const r of rows)
			records.set(r.student_id, {
				kind: 'primary',
				result: r.result,
				principalDecision: r.decision
			});
		return records;
	}
	const rows = await db
		.selectFrom('grade_year_summaries')
		.select(['student_id', 'decision', 'final_decision'])
		.where('class_id', '=', source.id)
		.where('school_year_id', '=', source.yearId)
		.execute();
	for (const r of rows)
		records.set(r.student_id, {
			kind: 'secondary',
			decision: r.decision,
			finalDecision: r.final_decision
		});
	return records;
}

async function enrolledPupils(db: Db, classId: number, nextYearId: number | null) {
	return enrolledIn(db, classId)
		.leftJoin('student_enrolments as n', (j) =>
			j.onRef('n.student_id', '=', 'st.id').on('n.school_year_id', '=', nextYearId ?? 0)
		)
		.leftJoin('classes as nc', 'nc.id', 'n.class_id')
		.select(['st.id', 'st.code', 'st.full_name as fullName', 'e.outcome', 'nc.name as movedTo'])
		.orderBy('st.name_sort')
		.orderBy('st.id')
		.execute();
}

async function targetOptions(db: Db, schoolId: number, yearId: number, grades: number[]) {
	return db
		.selectFrom('classes')
		.select(['id', 'name', 'grade'])
		.where('school_id', '=', schoolId)
		.where('school_year_id', '=', yearId)
		.where('grade', 'in', grades)
		.where('active', '=', true)
		.orderBy('name_sort')
		.execute();
}

/**
 * What a rollover of `classId` would do now: each enrolled pupil's move from the promotion list,
 * who is already in a next-year class, the classes to choose from. Read on the page (preview) and
 * again inside the commit's transaction, where the signature proves nothing changed in between.
 */
export async function rolloverPlan(
	db: Db,
	school: { id: number; level: SchoolLevel },
	classId: number,
	lock = false
): Promise<RolloverPlan> {
	const source = await sourceClass(db, school.id, classId, lock);
	const nextYear = await nextYearOf(db, source.yearId);
	const grades = gradesOf(school.level);
	const [rows, records, options, done] = await Promise.all([
		enrolledPupils(db, source.id, nextYear?.id ?? null),
		promotionRecords(db, source),
		nextYear ? targetOptions(db, school.id, nextYear.id, [source.grade, source.grade + 1]) : [],
		db
			.selectFrom('class_rollovers')
			.select(['moved', 'runs', 'committed_at as at'])
			.where('class_id', '=', source.id)
			.executeTakeFirst()
	]);
	const pupils = rows.map((r): PlannedPupil => {
		const { move, reason } = rolloverMove(records.get(r.id) ?? null, source.grade, grades);
		const alreadyMoved = r.outcome !== null || r.movedTo !== null;
		return {
			id: r.id,
			code: r.code,
			fullName: r.fullName,
			move,
			reason,
			alreadyMoved,
			movedTo: r.movedTo
		};
	});
	return {
		schoolId: school.id,
		source,
		nextYear,
		pupils,
		promoteOptions: options.filter((o) => o.grade === source.grade + 1),
		repeatOptions: options.filter((o) => o.grade === source.grade),
		signature: signatureOf(pupils),
		done: done ?? null
	};
}

function signatureOf(pupils: PlannedPupil[]): string {
	return createHash('sha256').update(planSignature(pupils)).digest('hex').slice(0, 32);
}

/** The classes a rollover can start from: those of every school year that has a next year. */
export async function rolloverSources(db: Db, schoolId: number) {
	return db
		.selectFrom('classes as c')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.grade',
			'y.id as yearId',
			'y.name as yearName',
			eb
				.selectFrom('class_rollovers as r')
				.select('r.moved')
				.whereRef('r.class_id', '=', 'c.id')
				.as('moved')
		])
		.where('c.school_id', '=', schoolId)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('school_years as n')
					.select('n.id')
					.whereRef('n.starts_on', '>', 'y.starts_on')
			)
		)
		.orderBy('y.starts_on', 'desc')
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.execute();
}
