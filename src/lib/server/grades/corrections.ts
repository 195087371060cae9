import type { Kysely, Selectable } from 'kysely';
import { parseCellText, planColumns, sameCell, type CellState } from '$lib/schemas/grades';
import type { CorrectionStatus, GradeCorrectionsTable } from '../db/tables/grades';
import { notFound, requireSchool } from '../auth/access';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError } from '../errors';
import { gradebookEntry, inTransaction } from './checkpoints';
import { requireGradebook, storedCells, type GradebookScope } from './queries';
import { cellKey, recomputeResults, writeChanges } from './service';

type Db = Kysely<Database>;

export interface CorrectionRequest {
	studentId: number;
	column: string;
	/** the new value as typed in the gradebook ("8,5", "V", "Đ", ...) */
	value: string;
	reason: string;
}

async function requirePupil(trx: Db, classId: number, studentId: number): Promise<void> {
	const pupil = await trx
		.selectFrom('students')
		.select('id')
		.where('id', '=', studentId)
		.where('class_id', '=', classId)
		.where('active', '=', true)
		.executeTakeFirst();
	if (!pupil) throw fieldError('studentId', 'grades_pupil_not_in_class');
}

/**
 * A subject teacher ('teaching.enter'; 404 otherwise) asks to change a locked cell of their
 * gradebook: the new value must be valid for the plan, differ from the cell, and the cell must be
 * locked (an open cell is simply edited). The value the cell has now and its version are kept, so
 * the approval knows what it replaces. One pending request per cell. Audited.
 */
export async function requestCorrection(
	db: Db,
	actor: Actor,
	book: { classId: number; subjectId: number; semesterId: number },
	input: CorrectionRequest
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const scope = await requireGradebook(
			trx,
			actor.principal,
			'teaching.enter',
			book.classId,
			book.subjectId,
			book.semesterId
		);
		if (!planColumns(scope.plan.regularCount).includes(input.column))
			throw fieldError('column', 'grades_v_not_in_plan');
		const parsed = parseCellText(input.value, scope.plan.assessment);
		if (!parsed.ok) throw fieldError('value', parsed.code);
		await requirePupil(trx, scope.classId, input.studentId);
		const entry = (await gradebookEntry(trx, scope, [input.column]))[input.column];
		if (entry.state !== 'locked') throw fieldError('column', 'grades_correction_not_locked');
		const [current] = (
			await storedCells(trx, [input.studentId], scope.subjectId, scope.semesterId, true)
		).filter((c) => c.column === input.column);
		const old = current ?? { value: null, state: 'value' as CellState, version: 0 };
		if (sameCell(old, parsed.cell)) throw fieldError('value', 'grades_correction_same');
		const pending = await trx
			.selectFrom('grade_corrections')
			.select('id')
			.where('student_id', '=', input.studentId)
			.where('subject_id', '=', scope.subjectId)
			.where('semester_id', '=', scope.semesterId)
			.where('column_key', '=', input.column as 'gk')
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (pending) throw fieldError('column', 'grades_correction_pending');
		const { id } = await trx
			.insertInto('grade_corrections')
			.values({
				class_id: scope.classId,
				student_id: input.studentId,
				subject_id: scope.subjectId,
				semester_id: scope.semesterId,
				column_key: input.column as 'gk',
				old_value: old.value,
				old_state: old.state,
				old_version: old.version,
				new_value: parsed.cell.value,
				new_state: parsed.cell.state,
				reason: input.reason,
				requested_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'grades.correction.request',
			entity: 'grade_correction',
			entityId: id,
			schoolId: scope.schoolId,
			after: {
				cell: `${input.studentId}:${scope.subjectId}:${scope.semesterId}:${input.column}`,
				old: { value: old.value, state: old.state },
				new: parsed.cell,
				reason: input.reason
			},
			requestId: actor.requestId
		});
		return id;
	});
}

export interface Decision {
	correctionId: number;
	version: number;
	note: string | null;
}

/**
 * The school admin ('grades.manage' on the request's school; 404 otherwise) approves or refuses a
 * pending request (a stale version or a decided request is a conflict). Approving writes the new
 * value through the gradebook's one write path (audited with the request's reason and who asked)
 * and recomputes the pupil's result; it is refused when the cell changed since the request. A
 * refusal needs a note.
 */
export async function decideCorrection(
	db: Db,
	actor: Actor,
	schoolId: number,
	decision: Decision,
	approve: boolean
): Promise<void> {
	if (!approve && !decision.note) throw fieldError('note', 'grades_refusal_needs_note');
	await inTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'grades.manage');
		const request = await trx
			.selectFrom('grade_corrections')
			.selectAll()
			.where('id', '=', decision.correctionId)
			.where('class_id', 'in', (eb) =>
				eb.selectFrom('classes').select('id').where('school_id', '=', schoolId)
			)
			.forUpdate()
			.executeTakeFirst();
		if (!request) notFound();
		if (request.version !== decision.version || request.status !== 'pending')
			throw new ConflictError('grade_corrections', request.id);
		if (approve) await applyCorrection(trx, actor, request);
		const status: CorrectionStatus = approve ? 'approved' : 'refused';
		await trx
			.updateTable('grade_corrections')
			.set((eb) => ({
				status,
				decided_by: actor.principal.userId,
				decided_at: new Date(),
				decision_note: decision.note,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', request.id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: approve ? 'grades.correction.approve' : 'grades.correction.refuse',
			entity: 'grade_correction',
			entityId: request.id,
			schoolId,
			before: { status: 'pending' },
			after: { status, note: decision.note },
			requestId: actor.requestId
		});
	});
}

type CorrectionRow = Selectable<GradeCorrectionsTable>;

async function applyCorrection(trx: Db, actor: Actor, request: CorrectionRow): Promise<void> {
	const scope: GradebookScope = await requireGradebook(
		trx,
		actor.principal,
		'teaching.view',
		request.class_id,
		request.subject_id,
		request.semester_id
	);
	const stored = (
		await storedCells(trx, [request.student_id], request.subject_id, request.semester_id, true)
	).filter((c) => c.column === request.column_key);
	if ((stored[0]?.version ?? 0) !== request.old_version)
		throw new DomainError('grades_correction_stale');
	const change = {
		studentId: request.student_id,
		column: request.column_key as string,
		value: request.new_value,
		state: request.new_state,
		version: request.old_version
	};
	await writeChanges(
		trx,
		actor,
		scope,
		[change],
		new Map(stored.map((c) => [cellKey(c), c])),
		'grades.correction.apply',
		{ correctionId: request.id, reason: request.reason, requestedBy: request.requested_by }
	);
	await recomputeResults(trx, scope, [request.student_id]);
}

export interface CorrectionView {
	id: number;
	version: number;
	studentId: number;
	pupil: string;
	className: string;
	subjectVi: string;
	subjectEn: string;
	semesterNumber: number;
	column: string;
	oldValue: number | null;
	oldState: CellState;
	newValue: number | null;
	newState: CellState;
	reason: string;
	status: CorrectionStatus;
	requestedBy: string;
	requestedAt: Date;
	decidedBy: string | null;
	decidedAt: Date | null;
	note: string | null;
	link: string;
}

function corrections(db: Db) {
	return db
		.selectFrom('grade_corrections as gc')
		.innerJoin('students as st', 'st.id', 'gc.student_id')
		.innerJoin('classes as c', 'c.id', 'gc.class_id')
		.innerJoin('subjects as s', 's.id', 'gc.subject_id')
		.innerJoin('semesters as sem', 'sem.id', 'gc.semester_id')
		.innerJoin('users as ru', 'ru.id', 'gc.requested_by')
		.leftJoin('users as du', 'du.id', 'gc.decided_by')
		.select([
			'gc.id',
			'gc.version',
			'gc.student_id as studentId',
			'st.full_name as pupil',
			'c.name as className',
			's.name_vi as subjectVi',
			's.name_en as subjectEn',
			'sem.number as semesterNumber',
			'gc.column_key as column',
			'gc.old_value as oldValue',
			'gc.old_state as oldState',
			'gc.new_value as newValue',
			'gc.new_state as newState',
			'gc.reason',
			'gc.status',
			'ru.name as requestedBy',
			'gc.requested_at as requestedAt',
			'du.name as decidedBy',
			'gc.decided_at as decidedAt',
			'gc.decision_note as note',
			'gc.class_id',
			'gc.subject_id',
			'gc.semester_id'
		]);
}

function withLink<T extends { class_id: number; subject_id: number; semester_id: number }>(r: T) {
	const { class_id, subject_id, semester_id, ...rest } = r;
	return { ...rest, link: `/teacher/grades/${class_id}/${subject_id}/${semester_id}` };
}

/** The requests of one gradebook (its teacher's page; the scope is proven by the caller). */
export async function bookCorrections(db: Db, book: GradebookScope): Promise<CorrectionView[]> {
	const rows = await corrections(db)
		.where('gc.class_id', '=', book.classId)
		.where('gc.subject_id', '=', book.subjectId)
		.where('gc.semester_id', '=', book.semesterId)
		.orderBy('gc.requested_at', 'desc')
		.orderBy('gc.id', 'desc')
		.limit(200)
		.execute();
	return rows.map(withLink);
}

/** A school's requests, pending first then the latest decided (the admin's page). */
export async function schoolCorrections(db: Db, schoolId: number): Promise<CorrectionView[]> {
	const rows = await corrections(db)
		.where('c.school_id', '=', schoolId)
		.orderBy((eb) => eb.case().when('gc.status', '=', 'pending').then(0).else(1).end())
		.orderBy('gc.requested_at', 'desc')
		.orderBy('gc.id', 'desc')
		.limit(200)
		.execute();
	return rows.map(withLink);
}

/** How many requests of a school wait for a decision. */
export async function pendingCorrections(db: Db, schoolId: number): Promise<number> {
	const row = await db
		.selectFrom('grade_corrections as gc')
		.innerJoin('classes as c', 'c.id', 'gc.class_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('c.school_id', '=', schoolId)
		.where('gc.status', '=', 'pending')
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
