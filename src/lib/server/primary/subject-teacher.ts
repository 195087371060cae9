import type { Kysely } from 'kysely';
import { isCheckpoint, type Checkpoint, type EntryState } from '$lib/grades/checkpoints';
import { todayIso } from '$lib/dates';
import { routeId, type Scope } from '../action';
import { notFound } from '../auth/access';
import { teachingWhere } from '../auth/access/classes';
import type { Actor } from '../audit';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import { inTransaction } from '../grades/checkpoints';
import { classPupils, type Pupil } from '../grades/queries';
import { classSubjects } from './test-plan';
import { primaryEntryState, type PrimaryClass, type PrimarySubject } from './classes';
import {
	saveAssessmentsIn,
	storedAssessments,
	type AssessmentChange,
	type StoredAssessment
} from './save';

type Db = Kysely<Database>;

/**
 * A subject teacher's primary subject (Circular 27, Art. 5: the subject teachers assess their
 * subjects, e.g. Tiếng Anh, Tin học, Âm nhạc taught by a specialist): one subject of one primary
 * class of the current year that the caller teaches by a teaching assignment ('teaching.enter').
 * They enter that subject's levels, test scores and comments, never the class's other subjects
 * (those stay with the homeroom teacher). Anyone else gets a 404. The alias is not `ta`:
 * `teachingWhere`'s own subquery names its table so, and would shadow ours.
 */
export interface TaughtPrimary extends PrimaryClass {
	subjectId: number;
	subjectVi: string;
	subjectEn: string;
}

function taughtQuery(db: Db, principal: Principal) {
	return db
		.selectFrom('teaching_assignments as asg')
		.innerJoin('classes as c', 'c.id', 'asg.class_id')
		.innerJoin('subjects as sub', 'sub.id', 'asg.subject_id')
		.innerJoin('subject_periods as sp', (j) =>
			j.onRef('sp.subject_id', '=', 'sub.id').onRef('sp.grade', '=', 'c.grade')
		)
		.innerJoin('schools as s', 's.id', 'c.school_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'c.id',
			'c.name',
			'c.grade',
			'c.school_id as schoolId',
			's.name as schoolName',
			'y.id as schoolYearId',
			'y.name as schoolYear',
			'sub.id as subjectId',
			'sub.name_vi as subjectVi',
			'sub.name_en as subjectEn'
		])
		.where('c.active', '=', true)
		.where('y.is_current', '=', true)
		.where('c.grade', '>=', 1)
		.where('c.grade', '<=', 5)
		.where('sub.level', '=', 'TH')
		.where('sp.periods_per_year', '>', 0)
		.where(teachingWhere(principal, 'teaching.enter', 'asg.class_id', 'asg.subject_id'));
}

/** The caller's primary subjects of the current year (class x subject). */
export function taughtPrimaryList(db: Db, principal: Principal): Promise<TaughtPrimary[]> {
	return taughtQuery(db, principal)
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('sub.sort_order')
		.execute();
}

export async function requireTaughtPrimary(
	db: Db,
	principal: Principal,
	classId: number,
	subjectId: number
): Promise<TaughtPrimary> {
	const row = await taughtQuery(db, principal)
		.where('c.id', '=', classId)
		.where('sub.id', '=', subjectId)
		.executeTakeFirst();
	return row ?? notFound();
}

/** The URL's class, subject and checkpoint as one the caller teaches (404 otherwise). */
export const taughtPrimaryScope: Scope<{ taught: TaughtPrimary; checkpoint: Checkpoint }> = async (
	ctx
) => {
	const { classId, subjectId, checkpoint } = ctx.event.params;
	if (!isCheckpoint(checkpoint)) notFound();
	const taught = await requireTaughtPrimary(
		ctx.db,
		ctx.principal,
		routeId(classId),
		routeId(subjectId)
	);
	return { taught, checkpoint };
};

/** The one subject at a checkpoint (with whether the grade has a test in it there). */
async function subjectAt(db: Db, taught: TaughtPrimary, checkpoint: Checkpoint) {
	const all = await classSubjects(db, taught, checkpoint);
	return all.filter((s) => s.id === taught.subjectId);
}

export interface SubjectGrid {
	checkpoint: Checkpoint;
	state: EntryState;
	pupils: Pupil[];
	subject: PrimarySubject;
	/** by `<pupil>_<subject>`, this subject's cells only */
	cells: Record<string, StoredAssessment>;
}

export async function loadSubjectGrid(
	db: Db,
	taught: TaughtPrimary,
	checkpoint: Checkpoint
): Promise<SubjectGrid> {
	const [pupils, subjects, stored, state] = await Promise.all([
		classPupils(db, taught.id),
		subjectAt(db, taught, checkpoint),
		storedAssessments(db, taught, checkpoint),
		primaryEntryState(db, taught, checkpoint)
	]);
	const suffix = `_${taught.subjectId}`;
	const cells = Object.fromEntries([...stored].filter(([key]) => key.endsWith(suffix)));
	return { checkpoint, state, pupils, subject: subjects[0], cells };
}

/**
 * Saves the subject teacher's cells of their subject: the homeroom save's rules (all or nothing,
 * tests only where the grade has one, versions, locks, audit `primary.assessment.save`, the year
 * result recomputed, e-gradebook use); a cell of another subject is refused (`primary_v_subject`).
 */
export function saveSubjectAssessments(
	db: Db,
	actor: Actor,
	classId: number,
	subjectId: number,
	checkpoint: Checkpoint,
	changes: AssessmentChange[],
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const taught = await requireTaughtPrimary(trx, actor.principal, classId, subjectId);
		if (!changes.length) return { saved: 0 };
		const subjects = await subjectAt(trx, taught, checkpoint);
		return saveAssessmentsIn(trx, actor, taught, checkpoint, subjects, changes, today);
	});
}
