import type { Kysely } from 'kysely';
import {
	CHECKPOINTS,
	checkpointDatesProblem,
	columnEntry,
	entryState,
	type Checkpoint,
	type CheckpointDates,
	type CheckpointSettings,
	type ColumnEntry,
	type EntryState
} from '$lib/grades/checkpoints';
import { todayIso } from '$lib/dates';
import type { CheckpointInput } from '$lib/schemas/grades-checkpoints';
import { requireSchool } from '../auth/access';
import { requestMemo } from '../http/request-memo';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError, uniqueViolationError } from '../errors';

type Db = Kysely<Database>;

/** Runs `work` in the caller's transaction, or in a new one (unique violations as DomainErrors). */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction) return work(db);
	try {
		return await db.transaction().execute(work);
	} catch (err) {
		throw uniqueViolationError(err) ?? err;
	}
}

export interface SchoolYear {
	id: number;
	name: string;
}

/** The current school year (every school works in it), or a 404 when none is set. */
export async function currentSchoolYear(db: Db): Promise<SchoolYear> {
	const year = await requestMemo('current-school-year:grades', () =>
		db
			.selectFrom('school_years')
			.select(['id', 'name'])
			.where('is_current', '=', true)
			.executeTakeFirst()
	);
	if (!year) throw new DomainError('grades_no_current_year');
	return year;
}

export interface CheckpointRow extends CheckpointDates {
	checkpoint: Checkpoint;
	version: number;
}

/** The checkpoint dates a school set for a school year; a checkpoint without a row has none. */
export async function checkpointRows(
	db: Db,
	schoolId: number,
	schoolYearId: number
): Promise<CheckpointRow[]> {
	const rows = await db
		.selectFrom('grade_checkpoints')
		.select([
			'checkpoint',
			'opens_on as opensOn',
			'closes_on as closesOn',
			'locks_on as locksOn',
			'version'
		])
		.where('school_id', '=', schoolId)
		.where('school_year_id', '=', schoolYearId)
		.execute();
	const byKey = new Map(rows.map((r) => [r.checkpoint, r]));
	return CHECKPOINTS.map(
		(checkpoint) =>
			byKey.get(checkpoint) ?? {
				checkpoint,
				opensOn: null,
				closesOn: null,
				locksOn: null,
				version: 0
			}
	);
}

export function settingsOf(rows: CheckpointRow[]): CheckpointSettings {
	return Object.fromEntries(rows.map((r) => [r.checkpoint, r]));
}

export interface CheckpointView extends CheckpointRow {
	state: EntryState;
}

/** The school's four checkpoints of the current year with their state today. */
export async function loadCheckpoints(
	db: Db,
	schoolId: number,
	today = todayIso()
): Promise<{ year: SchoolYear; checkpoints: CheckpointView[] }> {
	const year = await currentSchoolYear(db);
	const rows = await checkpointRows(db, schoolId, year.id);
	return { year, checkpoints: rows.map((r) => ({ ...r, state: entryState(r, today) })) };
}

/**
 * Sets the entry window and the lock date of a checkpoint of the current school year ('grades.manage'
 * on the school; 404 otherwise). Dates in order; a stale version is a conflict. Audited.
 */
export async function saveCheckpoint(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: CheckpointInput
): Promise<void> {
	const problem = checkpointDatesProblem(input);
	if (problem) throw fieldError(problem.field, problem.code);
	await inTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'grades.manage');
		const year = await currentSchoolYear(trx);
		const before = (await checkpointRows(trx, schoolId, year.id)).find(
			(r) => r.checkpoint === input.checkpoint
		)!;
		if (before.version !== input.version) throw new ConflictError('grade_checkpoints', schoolId);
		const values = {
			opens_on: input.opensOn,
			closes_on: input.closesOn,
			locks_on: input.locksOn,
			updated_by: actor.principal.userId,
			updated_at: new Date()
		};
		if (input.version === 0) {
			const inserted = await trx
				.insertInto('grade_checkpoints')
				.values({
					...values,
					school_id: schoolId,
					school_year_id: year.id,
					checkpoint: input.checkpoint
				})
				.onConflict((oc) => oc.doNothing())
				.returning('checkpoint')
				.executeTakeFirst();
			if (!inserted) throw new ConflictError('grade_checkpoints', schoolId);
		} else {
			const updated = await trx
				.updateTable('grade_checkpoints')
				.set((eb) => ({ ...values, version: eb('version', '+', 1) }))
				.where('school_id', '=', schoolId)
				.where('school_year_id', '=', year.id)
				.where('checkpoint', '=', input.checkpoint)
				.where('version', '=', input.version)
				.executeTakeFirst();
			if (!Number(updated.numUpdatedRows)) throw new ConflictError('grade_checkpoints', schoolId);
		}
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'grades.checkpoint.save',
			entity: 'grade_checkpoint',
			entityId: `${schoolId}:${year.id}:${input.checkpoint}`,
			schoolId,
			before: { opensOn: before.opensOn, closesOn: before.closesOn, locksOn: before.locksOn },
			after: { opensOn: input.opensOn, closesOn: input.closesOn, locksOn: input.locksOn },
			requestId: actor.requestId
		});
	});
}

/** The entry state of each column of a gradebook today (its school's checkpoints of its year). */
export async function gradebookEntry(
	db: Db,
	book: { schoolId: number; classId: number; semesterNumber: number },
	columns: string[],
	today = todayIso()
): Promise<Record<string, ColumnEntry>> {
	const rows = await db
		.selectFrom('grade_checkpoints as gc')
		.innerJoin('classes as c', (j) =>
			j
				.onRef('c.school_id', '=', 'gc.school_id')
				.onRef('c.school_year_id', '=', 'gc.school_year_id')
		)
		.select([
			'gc.checkpoint',
			'gc.opens_on as opensOn',
			'gc.closes_on as closesOn',
			'gc.locks_on as locksOn',
			'gc.version'
		])
		.where('c.id', '=', book.classId)
		.execute();
	const settings = settingsOf(rows);
	return Object.fromEntries(
		columns.map((c) => [c, columnEntry(book.semesterNumber, c, settings, today)])
	);
}

/** A save touched a locked cell, or a column whose window is not open yet. */
export class GradebookLockedError extends DomainError {
	constructor(field: string, code: 'grades_locked' | 'grades_not_open', params = {}) {
		super(code, params, field);
	}
}
