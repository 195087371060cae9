import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { SubjectLevel } from '$lib/grades/primary';
import { primaryTestScoreProblem } from '$lib/grades/scores';
import { todayIso } from '$lib/dates';
import { COMMENT_MAX, hasCommentProblem } from '$lib/schemas/grades';
import { primaryKey } from '$lib/schemas/primary';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import { recordPortalUse } from '../usage/portal-use';
import { classSubjects } from './test-plan';
import {
	primaryEntryState,
	requirePrimaryClass,
	type PrimaryClass,
	type PrimarySubject
} from './classes';
import { recomputePrimaryYear } from './year';
import { enrolledAmong } from '../roster/enrolments';

type Db = Kysely<Database>;

export interface StoredAssessment {
	level: SubjectLevel | null;
	testScore: number | null;
	comment: string;
	version: number;
}

export interface AssessmentChange {
	studentId: number;
	subjectId: number;
	/** undefined: left as stored */
	level?: SubjectLevel | null;
	testScore?: number | null;
	comment?: string;
	/** the version the editor loaded; 0 for a cell never saved */
	version: number;
}

/** Someone saved some of these cells since the editor loaded them: nothing was saved. */
export class PrimaryConflictError extends ConflictError {
	constructor(
		public readonly cells: Array<StoredAssessment & { studentId: number; subjectId: number }>
	) {
		super('primary_assessments', cells.map(primaryKey).join(','));
	}
}

const EMPTY: StoredAssessment = { level: null, testScore: null, comment: '', version: 0 };

/** The stored cells of a class's checkpoint (`forUpdate` locks them), by `<pupil>_<subject>`. */
export async function storedAssessments(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	studentIds?: number[],
	forUpdate = false
): Promise<Map<string, StoredAssessment>> {
	let query = db
		.selectFrom('primary_assessments')
		.select(['student_id', 'subject_id', 'level', 'test_score', 'comment', 'version'])
		.where('class_id', '=', cls.id)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', '=', checkpoint);
	if (studentIds) query = query.where('student_id', 'in', studentIds);
	if (forUpdate) query = query.forUpdate();
	const rows = await query.execute();
	return new Map(
		rows.map((r) => [
			primaryKey({ studentId: r.student_id, subjectId: r.subject_id }),
			{ level: r.level, testScore: r.test_score, comment: r.comment, version: r.version }
		])
	);
}

/** Circular 27, Art. 7: the first refused cell as a field error beside it. */
function validateChanges(subjects: PrimarySubject[], changes: AssessmentChange[]): void {
	const byId = new Map(subjects.map((s) => [s.id, s]));
	const seen = new Set<string>();
	for (const c of changes) {
		const key = primaryKey(c);
		if (seen.has(key)) throw fieldError(key, 'v_duplicate');
		seen.add(key);
		const subject = byId.get(c.subjectId);
		if (!subject) throw fieldError(key, 'primary_v_subject');
		if (!Number.isSafeInteger(c.version) || c.version < 0) throw fieldError(key, 'v_invalid');
		if (c.testScore !== undefined && c.testScore !== null) {
			if (!subject.tested) throw fieldError(`t_${key}`, 'primary_v_no_test');
			const problem = primaryTestScoreProblem(c.testScore);
			if (problem) throw fieldError(`t_${key}`, `primary_v_test_${problem}`);
		}
		if (c.comment !== undefined) {
			const problem = hasCommentProblem(c.comment);
			if (problem) throw fieldError(`c_${key}`, problem, { max: COMMENT_MAX });
		}
	}
}

async function requirePupils(trx: Db, classId: number, changes: AssessmentChange[]) {
	const ids = [...new Set(changes.map((c) => c.studentId))];
	// the class's pupils of its school year (0360), whatever class they are in now
	const inClass = await enrolledAmong(trx, classId, ids);
	const stranger = changes.find((c) => !inClass.has(c.studentId));
	if (stranger) throw fieldError(primaryKey(stranger), 'grades_pupil_not_in_class');
}

/** A locked checkpoint (or one not open yet) is read-only: the whole save is refused. */
export async function requireOpen(
	trx: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	today: string
) {
	const state = await primaryEntryState(trx, cls, checkpoint, today);
	if (state === 'locked') throw new DomainError('primary_locked');
	if (state === 'not_open') throw new DomainError('primary_not_open');
}

const merged = (stored: StoredAssessment, c: AssessmentChange): StoredAssessment => ({
	level: c.level === undefined ? stored.level : c.level,
	testScore: c.testScore === undefined ? stored.testScore : c.testScore,
	comment: c.comment === undefined ? stored.comment : c.comment,
	version: stored.version
});

const same = (a: StoredAssessment, b: StoredAssessment) =>
	a.level === b.level && a.testScore === b.testScore && a.comment === b.comment;

/**
 * Saves a checkpoint's levels, test scores and comments of a primary class ('class.homeroom'; 404
 * otherwise), all or nothing: every cell checked (a test only where the grade has one, an integer
 * 1-10), a locked checkpoint refused, a cell whose stored version is not the one loaded and whose
 * meaning changed is a conflict. Audited per cell; the year results recomputed in the same
 * transaction for the 'year' checkpoint; counts as use of the e-gradebook.
 */
export async function saveAssessments(
	db: Db,
	actor: Actor,
	classId: number,
	checkpoint: Checkpoint,
	changes: AssessmentChange[],
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requirePrimaryClass(trx, actor.principal, classId);
		if (!changes.length) return { saved: 0 };
		const subjects = await classSubjects(trx, cls, checkpoint);
		return saveAssessmentsIn(trx, actor, cls, checkpoint, subjects, changes, today);
	});
}

/**
 * The save itself, inside the caller's transaction, once the caller has proved its scope: `subjects`
 * are the ones the caller may write (the homeroom: the grade's; a subject teacher: their subject),
 * a change of any other subject is refused beside its cell.
 */
export async function saveAssessmentsIn(
	trx: Db,
	actor: Actor,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	subjects: PrimarySubject[],
	changes: AssessmentChange[],
	today: string
): Promise<{ saved: number }> {
	if (!changes.length) return { saved: 0 };
	validateChanges(subjects, changes);
	await requirePupils(trx, cls.id, changes);
	await requireOpen(trx, cls, checkpoint, today);
	const ids = [...new Set(changes.map((c) => c.studentId))];
	const stored = await storedAssessments(trx, cls, checkpoint, ids, true);
	const writes: Array<{
		change: AssessmentChange;
		before: StoredAssessment;
		after: StoredAssessment;
	}> = [];
	const conflicts: Array<StoredAssessment & { studentId: number; subjectId: number }> = [];
	for (const change of changes) {
		const before = stored.get(primaryKey(change)) ?? EMPTY;
		const after = merged(before, change);
		if (same(before, after)) continue;
		if (before.version !== change.version) conflicts.push({ ...before, ...pick(change) });
		else writes.push({ change, before, after });
	}
	if (conflicts.length) throw new PrimaryConflictError(conflicts);
	if (!writes.length) return { saved: 0 };
	await writeRows(trx, actor, cls, checkpoint, writes);
	if (checkpoint === 'year') await recomputePrimaryYear(trx, cls, ids);
	await recordPortalUse(trx, {
		userId: actor.principal.userId,
		schoolId: cls.schoolId,
		classId: cls.id,
		activity: 'grades'
	});
	return { saved: writes.length };
}

const pick = (c: AssessmentChange) => ({ studentId: c.studentId, subjectId: c.subjectId });

async function writeRows(
	trx: Db,
	actor: Actor,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	writes: Array<{ change: AssessmentChange; before: StoredAssessment; after: StoredAssessment }>
) {
	const userId = actor.principal.userId;
	const written = await trx
		.insertInto('primary_assessments')
		.values(
			writes.map(({ change, after }) => ({
				school_id: cls.schoolId,
				class_id: cls.id,
				student_id: change.studentId,
				school_year_id: cls.schoolYearId,
				subject_id: change.subjectId,
				checkpoint,
				level: after.level,
				test_score: after.testScore,
				comment: after.comment,
				version: change.version + 1,
				updated_by: userId,
				updated_at: new Date()
			}))
		)
		.onConflict((oc) =>
			oc
				.columns(['student_id', 'school_year_id', 'subject_id', 'checkpoint'])
				.doUpdateSet((eb) => ({
					level: eb.ref('excluded.level'),
					test_score: eb.ref('excluded.test_score'),
					comment: eb.ref('excluded.comment'),
					class_id: eb.ref('excluded.class_id'),
					version: eb.ref('excluded.version'),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
				.where('primary_assessments.version', '=', (eb) => eb(eb.ref('excluded.version'), '-', 1))
		)
		.returning(['student_id', 'subject_id'])
		.execute();
	// a cell saved by someone else first (also one inserted meanwhile): nothing is saved
	if (written.length !== writes.length) {
		const done = new Set(
			written.map((w) => primaryKey({ studentId: w.student_id, subjectId: w.subject_id }))
		);
		const lost = writes.find((w) => !done.has(primaryKey(w.change)))!;
		throw new ConflictError('primary_assessments', primaryKey(lost.change));
	}
	await writeAuditMany(
		trx,
		writes.map(({ change, before, after }) => ({
			actorUserId: userId,
			action: 'primary.assessment.save',
			entity: 'primary_assessment',
			entityId: `${change.studentId}:${cls.schoolYearId}:${change.subjectId}:${checkpoint}`,
			schoolId: cls.schoolId,
			before: before.version
				? { level: before.level, testScore: before.testScore, comment: before.comment }
				: null,
			after: { level: after.level, testScore: after.testScore, comment: after.comment },
			requestId: actor.requestId
		}))
	);
}
