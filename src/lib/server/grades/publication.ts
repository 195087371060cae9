import { sql, type Kysely } from 'kysely';
import { checkpointColumns, checkpointSemester, type Checkpoint } from '$lib/grades/checkpoints';
import { planColumns } from '$lib/schemas/grades';
import { requireSchool } from '../auth/access';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { recordEvent } from '../events';
import { currentSchoolYear, inTransaction } from './checkpoints';
import { gradebooks, planOf } from './queries';

type Db = Kysely<Database>;

export interface AssignmentProgress {
	classId: number;
	className: string;
	subjectId: number;
	subjectVi: string;
	subjectEn: string;
	teacher: string | null;
	pupils: number;
	/** cells the checkpoint covers: pupils x columns */
	cells: number;
	/** cells still empty */
	missing: number;
	/** cells waiting for a make-up test ("V") */
	pending: number;
}

/**
 * Per teaching assignment of the school's current year: the cells of the checkpoint's columns
 * still empty or waiting for a make-up test (mid-term: GK; end of term: every column of the plan).
 * Counts only the class's active pupils.
 */
export async function checkpointProgress(
	db: Db,
	schoolId: number,
	checkpoint: Checkpoint
): Promise<AssignmentProgress[]> {
	const year = await currentSchoolYear(db);
	const semester = checkpointSemester(checkpoint);
	const books = await gradebooks(db)
		.leftJoin('staff as t', 't.id', 'ta.staff_id')
		.where('c.school_id', '=', schoolId)
		.where('c.school_year_id', '=', year.id)
		.where('sem.number', '=', semester)
		.select((eb) => [
			't.full_name as teacher',
			eb
				.selectFrom('students as st')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('st.class_id', '=', 'c.id')
				.where('st.active', '=', true)
				.as('pupils')
		])
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('s.sort_order')
		.execute();
	if (!books.length) return [];
	const counts = await columnCounts(
		db,
		[...new Set(books.map((b) => b.class_id))],
		books[0].semester_id
	);
	return books.flatMap((b) => {
		const plan = planOf(b);
		if (!plan) return [];
		const columns = checkpointColumns(checkpoint, planColumns(plan.regularCount));
		const pupils = Number(b.pupils ?? 0);
		let filled = 0;
		let pending = 0;
		for (const column of columns) {
			const c = counts.get(`${b.class_id}:${b.subject_id}:${column}`);
			filled += c?.filled ?? 0;
			pending += c?.pending ?? 0;
		}
		const cells = pupils * columns.length;
		return [
			{
				classId: b.class_id,
				className: b.class_name,
				subjectId: b.subject_id,
				subjectVi: b.name_vi,
				subjectEn: b.name_en,
				teacher: b.teacher,
				pupils,
				cells,
				missing: Math.max(0, cells - filled - pending),
				pending
			}
		];
	});
}

/** Filled and make-up-pending cells per class x subject x column of a semester (active pupils). */
async function columnCounts(db: Db, classIds: number[], semesterId: number) {
	const rows = await db
		.selectFrom('grade_scores as g')
		.innerJoin('students as st', (j) =>
			j.onRef('st.id', '=', 'g.student_id').onRef('st.class_id', '=', 'g.class_id')
		)
		.select([
			'g.class_id',
			'g.subject_id',
			'g.column_key',
			sql<number>`count(*) filter (where g.state = 'absent_makeup')`.as('pending'),
			sql<number>`count(*) filter (where g.state not in ('value', 'absent_makeup')
				or g.value is not null)`.as('filled')
		])
		.where('g.class_id', 'in', classIds)
		.where('g.semester_id', '=', semesterId)
		.where('st.active', '=', true)
		.groupBy(['g.class_id', 'g.subject_id', 'g.column_key'])
		.execute();
	return new Map(
		rows.map((r) => [
			`${r.class_id}:${r.subject_id}:${r.column_key}`,
			{ filled: Number(r.filled), pending: Number(r.pending) }
		])
	);
}

export interface ClassPublication {
	classId: number;
	className: string;
	grade: number;
	publishedAt: Date | null;
}

/** The school's active classes of the current year and when each got the checkpoint. */
export async function classPublications(
	db: Db,
	schoolId: number,
	checkpoint: Checkpoint
): Promise<ClassPublication[]> {
	const year = await currentSchoolYear(db);
	return db
		.selectFrom('classes as c')
		.leftJoin('grade_publications as p', (j) =>
			j.onRef('p.class_id', '=', 'c.id').on('p.checkpoint', '=', checkpoint)
		)
		.select(['c.id as classId', 'c.name as className', 'c.grade', 'p.published_at as publishedAt'])
		.where('c.school_id', '=', schoolId)
		.where('c.school_year_id', '=', year.id)
		.where('c.active', '=', true)
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.execute();
}

/**
 * Publishes a checkpoint to the parents of some classes of the school ('grades.manage'; 404
 * otherwise): the classes must be active classes of the school's current year; classes that already
 * had it are left as they are. Writes one 'grades.published' domain event (school, checkpoint, the
 * newly published class ids) and the audit in the same transaction. Returns the class ids published.
 */
export async function publishCheckpoint(
	db: Db,
	actor: Actor,
	schoolId: number,
	checkpoint: Checkpoint,
	classIds: number[]
): Promise<number[]> {
	return inTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'grades.manage');
		const year = await currentSchoolYear(trx);
		const wanted = [...new Set(classIds)];
		const classes = await trx
			.selectFrom('classes')
			.select('id')
			.where('id', 'in', wanted)
			.where('school_id', '=', schoolId)
			.where('school_year_id', '=', year.id)
			.where('active', '=', true)
			.execute();
		if (classes.length !== wanted.length) throw new DomainError('grades_class_not_here');
		const inserted = await trx
			.insertInto('grade_publications')
			.values(
				wanted.map((classId) => ({
					class_id: classId,
					checkpoint,
					published_by: actor.principal.userId
				}))
			)
			.onConflict((oc) => oc.columns(['class_id', 'checkpoint']).doNothing())
			.returning('class_id')
			.execute();
		const published = inserted.map((r) => r.class_id).sort((a, b) => a - b);
		if (!published.length) throw new DomainError('grades_already_published');
		const payload = { checkpoint, schoolYearId: year.id, classIds: published };
		await recordEvent(trx, {
			module: 'grades',
			kind: 'grades.published',
			subjectType: 'school',
			subjectId: schoolId,
			schoolId,
			payload,
			createdBy: actor.principal.userId
		});
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'grades.publish',
			entity: 'grade_publication',
			entityId: `${schoolId}:${year.id}:${checkpoint}`,
			schoolId,
			after: payload,
			requestId: actor.requestId
		});
		return published;
	});
}
