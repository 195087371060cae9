import type { Kysely } from 'kysely';
import type { PromotionDecisionInput } from '$lib/schemas/primary-decision';
import { writeAudit, type Actor } from '../audit';
import { notFound, requireSchool } from '../auth/access';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { ConflictError } from '../errors';
import { inTransaction } from '../grades/checkpoints';

type Db = Kysely<Database>;

export type PromotionDecision = 'promote' | 'repeat';

export interface DecisionRow {
	studentId: number;
	code: string;
	fullName: string;
	classId: number;
	className: string;
	grade: number;
	yearId: number;
	yearName: string;
	decision: PromotionDecision | null;
	note: string | null;
	decidedAt: Date | null;
	version: number;
}

/**
 * The school's primary pupils whose year result is Chưa hoàn thành (Circular 27, Art. 11), every
 * school year, newest first, with the principal's decision where there is one. The result is the
 * one stored for the pupil's class of that year (0290), so last year's list stays after they moved.
 */
export async function schoolDecisions(db: Db, schoolId: number): Promise<DecisionRow[]> {
	const rows = await db
		.selectFrom('primary_year_results as r')
		.innerJoin('students as st', 'st.id', 'r.student_id')
		.innerJoin('classes as c', 'c.id', 'r.class_id')
		.innerJoin('school_years as y', 'y.id', 'r.school_year_id')
		.leftJoin('primary_promotion_decisions as d', (j) =>
			j
				.onRef('d.student_id', '=', 'r.student_id')
				.onRef('d.school_year_id', '=', 'r.school_year_id')
		)
		.select([
			'st.id as studentId',
			'st.code',
			'st.full_name as fullName',
			'c.id as classId',
			'c.name as className',
			'c.grade',
			'y.id as yearId',
			'y.name as yearName',
			'd.decision',
			'd.note',
			'd.decided_at as decidedAt',
			'd.version'
		])
		.where('r.school_id', '=', schoolId)
		.where('r.result', '=', 'chua_hoan_thanh')
		.orderBy('y.starts_on', 'desc')
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('st.name_sort')
		.orderBy('st.id')
		.execute();
	return rows.map((r) => ({ ...r, version: r.version ?? 0 }));
}

/** The decisions of these pupils in a school year (pupil id -> decision and note). One query. */
export async function decisionsOf(
	db: Db,
	studentIds: number[],
	schoolYearId: number
): Promise<Map<number, { decision: PromotionDecision; note: string }>> {
	if (!studentIds.length) return new Map();
	const rows = await db
		.selectFrom('primary_promotion_decisions')
		.select(['student_id', 'decision', 'note'])
		.where('student_id', 'in', studentIds)
		.where('school_year_id', '=', schoolYearId)
		.execute();
	return new Map(rows.map((r) => [r.student_id, { decision: r.decision, note: r.note }]));
}

/**
 * Records (or changes) the principal's decision for a pupil of the school whose year result of
 * `yearId` is Chưa hoàn thành: anything else, or another school's pupil, is a 404. The version
 * loaded must still be the stored one (0 = none yet): a concurrent decision is a 409 and nothing
 * changes. Audited `primary.promotion.decide`.
 */
export async function decidePromotion(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: PromotionDecisionInput
): Promise<void> {
	await requireSchool(db, actor.principal, schoolId, 'grades.manage');
	await inTransaction(db, async (trx) => {
		const result = await trx
			.selectFrom('primary_year_results')
			.select(['class_id', 'school_id'])
			.where('student_id', '=', input.studentId)
			.where('school_year_id', '=', input.yearId)
			.where('school_id', '=', schoolId)
			.where('result', '=', 'chua_hoan_thanh')
			.executeTakeFirst();
		if (!result) notFound();
		const before = await trx
			.selectFrom('primary_promotion_decisions')
			.select(['decision', 'note', 'version'])
			.where('student_id', '=', input.studentId)
			.where('school_year_id', '=', input.yearId)
			.forUpdate()
			.executeTakeFirst();
		if ((before?.version ?? 0) !== input.version)
			throw new ConflictError('primary_promotion_decisions', input.studentId);
		const values = {
			decision: input.decision,
			note: input.note,
			decided_by: actor.principal.userId,
			decided_at: new Date(),
			class_id: result.class_id
		};
		// a first decision inserted by two admins at once: the second insert is a conflict too
		const stored = await trx
			.insertInto('primary_promotion_decisions')
			.values({
				...values,
				school_id: schoolId,
				student_id: input.studentId,
				school_year_id: input.yearId,
				version: input.version + 1
			})
			.onConflict((oc) =>
				oc
					.columns(['student_id', 'school_year_id'])
					.doUpdateSet({ ...values, version: input.version + 1 })
					.where('primary_promotion_decisions.version', '=', input.version)
			)
			.returning('version')
			.executeTakeFirst();
		if (!stored) throw new ConflictError('primary_promotion_decisions', input.studentId);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'primary.promotion.decide',
			entity: 'student',
			entityId: input.studentId,
			schoolId,
			before: before ? { decision: before.decision, note: before.note } : null,
			after: { yearId: input.yearId, decision: input.decision, note: input.note },
			requestId: actor.requestId
		});
	});
}
