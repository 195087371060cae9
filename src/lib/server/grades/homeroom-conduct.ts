import type { Kysely } from 'kysely';
import { todayIso } from '$lib/dates';
import type { ConductForm, ConductTerm, LevelValue } from '$lib/schemas/homeroom';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError } from '../errors';
import { inTransaction } from './checkpoints';
import { conductLocks, requireHomeroomClass, requirePupils, type HomeroomClass } from './homeroom';
import { recomputeYearSummaries } from './summaries';

/** A homeroom teacher's conduct per term (Circular 22, Art. 8), split from homeroom.ts. */
type Db = Kysely<Database>;

/**
 * Saves a term's conduct of a class (Circular 22, Art. 8; 'class.homeroom', 404 otherwise), all or
 * nothing: each pupil's stored version must be the one the form loaded (else a conflict, nothing
 * saved); a locked term is refused; the summer re-assessment only for pupils sent to summer conduct
 * training. Each change is audited; the year summaries are recomputed in the same transaction.
 */
export async function saveConduct(
	db: Db,
	actor: Actor,
	classId: number,
	form: ConductForm,
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireHomeroomClass(trx, actor.principal, classId);
		const ids = form.entries.map((e) => e.studentId);
		await requirePupils(trx, classId, ids, (id) => `l_${id}`);
		if ((await conductLocks(trx, cls, today))[form.term])
			throw new DomainError('grades_conduct_locked');
		const stored = ids.length
			? await trx
					.selectFrom('grade_conduct')
					.select(['student_id', 'level', 'version'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.where('term', '=', form.term)
					.forUpdate()
					.execute()
			: [];
		const before = new Map(stored.map((s) => [s.student_id, s]));
		const stale = form.entries.find((e) => (before.get(e.studentId)?.version ?? 0) !== e.version);
		if (stale) throw new ConflictError('grade_conduct', stale.studentId);
		const changes = form.entries.filter(
			(e) => (before.get(e.studentId)?.level ?? null) !== e.level
		);
		if (form.term === 'summer') await requireTraining(trx, cls, changes);
		await writeConduct(trx, actor, cls, form.term, changes, before);
		if (changes.length)
			await recomputeYearSummaries(
				trx,
				classId,
				changes.map((c) => c.studentId)
			);
		return { saved: changes.length };
	});
}

async function requireTraining(
	trx: Db,
	cls: HomeroomClass,
	changes: Array<{ studentId: number; level: LevelValue | null }>
) {
	const due = changes.filter((c) => c.level !== null).map((c) => c.studentId);
	if (!due.length) return;
	const rows = await trx
		.selectFrom('grade_year_summaries')
		.select('student_id')
		.where('student_id', 'in', due)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('decision', 'in', ['summer_conduct_training', 'summer_conduct_training_and_retest'])
		.execute();
	const ok = new Set(rows.map((r) => r.student_id));
	const other = due.find((id) => !ok.has(id));
	if (other !== undefined) throw fieldError(`l_${other}`, 'grades_not_in_training');
}

async function writeConduct(
	trx: Db,
	actor: Actor,
	cls: HomeroomClass,
	term: ConductTerm,
	changes: Array<{ studentId: number; level: LevelValue | null }>,
	before: Map<number, { level: LevelValue; version: number }>
) {
	if (!changes.length) return;
	const userId = actor.principal.userId;
	const cleared = changes.filter((c) => c.level === null).map((c) => c.studentId);
	if (cleared.length)
		await trx
			.deleteFrom('grade_conduct')
			.where('student_id', 'in', cleared)
			.where('school_year_id', '=', cls.schoolYearId)
			.where('term', '=', term)
			.execute();
	const set = changes.filter((c) => c.level !== null);
	if (set.length) {
		const written = await trx
			.insertInto('grade_conduct')
			.values(
				set.map((c) => ({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					term,
					level: c.level!,
					updated_by: userId,
					updated_at: new Date()
				}))
			)
			.onConflict((oc) =>
				oc.columns(['student_id', 'school_year_id', 'term']).doUpdateSet((eb) => ({
					level: eb.ref('excluded.level'),
					class_id: eb.ref('excluded.class_id'),
					version: eb('grade_conduct.version', '+', 1),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
			)
			.returning(['student_id', 'version'])
			.execute();
		// a row inserted concurrently (version 0 loaded, but the upsert updated it): a conflict
		const raced = written.find((w) => w.version !== (before.get(w.student_id)?.version ?? 0) + 1);
		if (raced) throw new ConflictError('grade_conduct', raced.student_id);
	}
	await writeAuditMany(
		trx,
		changes.map((c) => ({
			actorUserId: userId,
			action: 'grades.conduct.save',
			entity: 'grade_conduct',
			entityId: `${c.studentId}:${cls.schoolYearId}:${term}`,
			schoolId: cls.schoolId,
			before: before.has(c.studentId) ? { level: before.get(c.studentId)!.level } : null,
			after: { level: c.level },
			requestId: actor.requestId
		}))
	);
}
