import type { Kysely } from 'kysely';
import {
	areaValue,
	nominationProblem,
	parseAwardArea,
	type AwardArea,
	type NominationStatus
} from '$lib/grades/primary-award';
import type { PrimaryResult, QualityItem } from '$lib/grades/primary';
import type { DecisionInput, NominationInput } from '$lib/schemas/primary-award';
import { notFound, requireSchool } from '../auth/access';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import type { PrimaryClass } from './classes';

type Db = Kysely<Database>;

/**
 * "Học sinh Tiêu biểu" (Circular 27, Art. 13; migration 0391): the homeroom teacher (or the school
 * admin) of a primary class nominates a pupil at Hoàn thành tốt with an area and a reason; the
 * school admin ('grades.manage', the principal's decision) confirms or refuses. The routes prove
 * the class scope (the nomination) or the school scope (`/schools/<id>/grades/primary-awards`, the
 * decision; the service proves it again). Both are audited.
 */
export interface Nomination {
	id: number;
	studentId: number;
	fullName: string;
	className: string;
	area: AwardArea;
	/** the subject's name, for a subject area */
	subjectName: { vi: string; en: string } | null;
	reason: string;
	status: NominationStatus;
	version: number;
}

/** The class's nominations of its school year, in pupil name order. */
export async function classNominations(db: Db, cls: PrimaryClass): Promise<Nomination[]> {
	return nominations(db, { classId: cls.id, schoolYearId: cls.schoolYearId });
}

/** The nominations of a school's current year (the principal's list), by class then pupil. */
export async function schoolNominations(db: Db, schoolId: number): Promise<Nomination[]> {
	return nominations(db, { schoolId });
}

async function nominations(
	db: Db,
	where: { classId: number; schoolYearId: number } | { schoolId: number }
): Promise<Nomination[]> {
	let q = db
		.selectFrom('primary_award_nominations as n')
		.innerJoin('students as st', 'st.id', 'n.student_id')
		.innerJoin('classes as c', 'c.id', 'n.class_id')
		.innerJoin('school_years as y', 'y.id', 'n.school_year_id')
		.leftJoin('subjects as sj', 'sj.id', 'n.subject_id')
		.select([
			'n.id',
			'n.student_id',
			'st.full_name',
			'n.subject_id',
			'n.quality_item',
			'sj.name_vi',
			'sj.name_en',
			'n.reason',
			'n.status',
			'n.version',
			'c.name as class_name'
		]);
	q =
		'classId' in where
			? q.where('n.class_id', '=', where.classId).where('n.school_year_id', '=', where.schoolYearId)
			: q.where('n.school_id', '=', where.schoolId).where('y.is_current', '=', true);
	const rows = await q
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('st.name_sort')
		.orderBy('n.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		studentId: r.student_id,
		fullName: r.full_name,
		className: r.class_name,
		area:
			r.subject_id !== null
				? { kind: 'subject', subjectId: r.subject_id }
				: { kind: 'quality', item: r.quality_item as QualityItem },
		subjectName: r.name_vi === null ? null : { vi: r.name_vi, en: r.name_en ?? r.name_vi },
		reason: r.reason,
		status: r.status,
		version: r.version
	}));
}

/** The pupil's year result, or 404 when the pupil is not an active pupil of the class. */
async function pupilResult(db: Db, cls: PrimaryClass, studentId: number) {
	const row = await db
		.selectFrom('students as st')
		.leftJoin('primary_year_results as r', (j) =>
			j.onRef('r.student_id', '=', 'st.id').on('r.school_year_id', '=', cls.schoolYearId)
		)
		.select(['st.id', 'r.result'])
		.where('st.id', '=', studentId)
		.where('st.class_id', '=', cls.id)
		.where('st.active', '=', true)
		.executeTakeFirst();
	if (!row) throw fieldError('studentId', 'primary_award_pupil_not_in_class');
	return (row.result ?? null) as PrimaryResult | null;
}

/** The area of the form, checked: a subject must be one the class's grade studies. */
async function checkedArea(db: Db, cls: PrimaryClass, value: string): Promise<AwardArea> {
	const area = parseAwardArea(value);
	if (!area) throw fieldError('area', 'primary_award_bad_area');
	if (area.kind === 'subject') {
		const taught = await db
			.selectFrom('subject_periods as p')
			.innerJoin('subjects as s', 's.id', 'p.subject_id')
			.select('s.id')
			.where('s.id', '=', area.subjectId)
			.where('s.level', '=', 'TH')
			.where('p.grade', '=', cls.grade)
			.where('p.periods_per_year', '>', 0)
			.executeTakeFirst();
		if (!taught) throw fieldError('area', 'primary_award_bad_area');
	}
	return area;
}

/**
 * Nominates (or nominates again, with a new area or reason) a pupil of the class: only at
 * Hoàn thành tốt. A nomination already decided goes back to the principal. Concurrent posts for
 * one pupil end as one row (upsert on the pupil and year). Returns the nomination's id.
 */
export async function nominate(
	db: Db,
	actor: Actor,
	cls: PrimaryClass,
	input: NominationInput
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const problem = nominationProblem(await pupilResult(trx, cls, input.studentId));
		if (problem) throw fieldError('studentId', problem);
		const area = await checkedArea(trx, cls, input.area);
		const values = {
			subject_id: area.kind === 'subject' ? area.subjectId : null,
			quality_item: area.kind === 'quality' ? area.item : null,
			reason: input.reason,
			status: 'nominated' as const,
			nominated_by: actor.principal.userId,
			nominated_at: new Date(),
			decided_by: null,
			decided_at: null
		};
		const row = await trx
			.insertInto('primary_award_nominations')
			.values({
				...values,
				school_id: cls.schoolId,
				class_id: cls.id,
				student_id: input.studentId,
				school_year_id: cls.schoolYearId
			})
			.onConflict((oc) =>
				oc.columns(['student_id', 'school_year_id']).doUpdateSet((eb) => ({
					...values,
					class_id: cls.id,
					version: eb('primary_award_nominations.version', '+', 1)
				}))
			)
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'primary.award.nominate',
			entity: 'primary_award_nominations',
			entityId: row.id,
			schoolId: cls.schoolId,
			after: { studentId: input.studentId, area: areaValue(area), reason: input.reason },
			requestId: actor.requestId
		});
		return row.id;
	});
}

/**
 * The principal's decision: confirm or refuse a nomination of the school's current year. Needs
 * 'grades.manage' on the school (anyone else: 404); a stale version is a conflict. Audited.
 */
export async function decideNomination(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: DecisionInput
): Promise<void> {
	await requireSchool(db, actor.principal, schoolId, 'grades.manage');
	await inTransaction(db, async (trx) => {
		const current = await trx
			.selectFrom('primary_award_nominations as n')
			.innerJoin('school_years as y', 'y.id', 'n.school_year_id')
			.select(['n.id', 'n.status', 'n.student_id'])
			.where('n.id', '=', input.nominationId)
			.where('n.school_id', '=', schoolId)
			.where('y.is_current', '=', true)
			.executeTakeFirst();
		if (!current) notFound();
		const updated = await trx
			.updateTable('primary_award_nominations')
			.set((eb) => ({
				status: input.decision,
				decided_by: actor.principal.userId,
				decided_at: new Date(),
				version: eb('version', '+', 1)
			}))
			.where('id', '=', current.id)
			.where('version', '=', input.version)
			.returning('id')
			.executeTakeFirst();
		if (!updated) throw new ConflictError('primary_award_nominations', String(current.id));
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'primary.award.decide',
			entity: 'primary_award_nominations',
			entityId: current.id,
			schoolId,
			before: { status: current.status },
			after: { status: input.decision, studentId: current.student_id },
			requestId: actor.requestId
		});
	});
}

/** The confirmed nominations of these pupils in a school year: pupil id -> status. One query. */
export async function nominationStatusOf(
	db: Db,
	studentIds: number[],
	schoolYearId: number
): Promise<Map<number, { status: NominationStatus; reason: string }>> {
	if (!studentIds.length) return new Map();
	const rows = await db
		.selectFrom('primary_award_nominations')
		.select(['student_id', 'status', 'reason'])
		.where('student_id', 'in', studentIds)
		.where('school_year_id', '=', schoolYearId)
		.execute();
	return new Map(rows.map((r) => [r.student_id, { status: r.status, reason: r.reason }]));
}
