import type { Kysely } from 'kysely';
import type { RetestEntry } from '$lib/schemas/homeroom';
import { parseRetestText } from '$lib/schemas/homeroom';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, fieldError } from '../errors';
import { inTransaction } from './checkpoints';
import { requireHomeroomClass, requirePupils, type HomeroomClass } from './homeroom';
import { classSubjects, recomputeYearSummaries } from './summaries';

/** Summer re-tests entered by the homeroom teacher (Circular 22, Art. 14), split from homeroom.ts. */
type Db = Kysely<Database>;

/**
 * Saves summer re-test results (Circular 22, Art. 14; 'class.homeroom'), all or nothing: only for a
 * subject the pupil's year summary sends to re-test; a score 0-10 with one decimal or Đ/CĐ; a stale
 * version is a conflict. Audited; the summaries (level after re-tests, final decision) recomputed.
 */
export async function saveRetests(
	db: Db,
	actor: Actor,
	classId: number,
	entries: RetestEntry[]
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireHomeroomClass(trx, actor.principal, classId);
		const ids = [...new Set(entries.map((e) => e.studentId))];
		const field = (e: { studentId: number; subjectId: number }) =>
			`r_${e.studentId}_${e.subjectId}`;
		await requirePupils(trx, classId, ids, (id) => field(entries.find((e) => e.studentId === id)!));
		const subjects = new Map((await classSubjects(trx, classId)).map((s) => [s.subjectId, s]));
		const due = ids.length
			? await trx
					.selectFrom('grade_year_summaries')
					.select(['student_id', 'retest_subject_ids'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.execute()
			: [];
		const dueOf = new Map(due.map((d) => [d.student_id, new Set(d.retest_subject_ids)]));
		const stored = ids.length
			? await trx
					.selectFrom('grade_retests')
					.select(['student_id', 'subject_id', 'value', 'passed', 'version'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.forUpdate()
					.execute()
			: [];
		const before = new Map(stored.map((s) => [`${s.student_id}_${s.subject_id}`, s]));
		const changes: Array<RetestEntry & { value: number | null; passed: boolean | null }> = [];
		for (const e of entries) {
			const subject = subjects.get(e.subjectId);
			if (!subject || !dueOf.get(e.studentId)?.has(e.subjectId))
				throw fieldError(field(e), 'grades_not_due_for_retest');
			const parsed = parseRetestText(e.text, subject.assessment);
			if (!parsed.ok) throw fieldError(field(e), parsed.code);
			const old = before.get(`${e.studentId}_${e.subjectId}`);
			if ((old?.version ?? 0) !== e.version) throw new ConflictError('grade_retests', field(e));
			const value = parsed.retest?.value ?? null;
			const passed = parsed.retest?.passed ?? null;
			if ((old?.value ?? null) === value && (old?.passed ?? null) === passed) continue;
			changes.push({ ...e, value, passed });
		}
		await writeRetests(trx, actor, cls, changes, before);
		if (changes.length)
			await recomputeYearSummaries(
				trx,
				classId,
				changes.map((c) => c.studentId)
			);
		return { saved: changes.length };
	});
}

async function writeRetests(
	trx: Db,
	actor: Actor,
	cls: HomeroomClass,
	changes: Array<RetestEntry & { value: number | null; passed: boolean | null }>,
	before: Map<string, { value: number | null; passed: boolean | null; version: number }>
) {
	const userId = actor.principal.userId;
	for (const c of changes) {
		const key = `${c.studentId}_${c.subjectId}`;
		if (c.value === null && c.passed === null) {
			await trx
				.deleteFrom('grade_retests')
				.where('student_id', '=', c.studentId)
				.where('school_year_id', '=', cls.schoolYearId)
				.where('subject_id', '=', c.subjectId)
				.execute();
		} else if (before.has(key)) {
			await trx
				.updateTable('grade_retests')
				.set((eb) => ({
					value: c.value,
					passed: c.passed,
					version: eb('version', '+', 1),
					updated_by: userId,
					updated_at: new Date()
				}))
				.where('student_id', '=', c.studentId)
				.where('school_year_id', '=', cls.schoolYearId)
				.where('subject_id', '=', c.subjectId)
				.execute();
		} else {
			const inserted = await trx
				.insertInto('grade_retests')
				.values({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					subject_id: c.subjectId,
					value: c.value,
					passed: c.passed,
					updated_by: userId,
					updated_at: new Date()
				})
				.onConflict((oc) => oc.doNothing())
				.returning('version')
				.executeTakeFirst();
			if (!inserted) throw new ConflictError('grade_retests', key);
		}
	}
	await writeAuditMany(
		trx,
		changes.map((c) => {
			const old = before.get(`${c.studentId}_${c.subjectId}`);
			return {
				actorUserId: userId,
				action: 'grades.retest.save',
				entity: 'grade_retest',
				entityId: `${c.studentId}:${cls.schoolYearId}:${c.subjectId}`,
				schoolId: cls.schoolId,
				before: old ? { value: old.value, passed: old.passed } : null,
				after: { value: c.value, passed: c.passed },
				requestId: actor.requestId
			};
		})
	);
}
