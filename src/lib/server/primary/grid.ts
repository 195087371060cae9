import type { Kysely } from 'kysely';
import type { Checkpoint, EntryState } from '$lib/grades/checkpoints';
import type { PrimaryResult } from '$lib/grades/primary';
import type { Database } from '../db/schema';
import { classPupils, type Pupil } from '../grades/queries';
import { classSubjects } from './test-plan';
import { primaryEntryState, type PrimaryClass, type PrimarySubject } from './classes';
import { storedAssessments, type StoredAssessment } from './save';
import { storedQualities, type StoredQuality } from './qualities';

type Db = Kysely<Database>;

export interface PrimaryGrid {
	checkpoint: Checkpoint;
	state: EntryState;
	published: boolean;
	pupils: Pupil[];
	subjects: PrimarySubject[];
	cells: Record<string, StoredAssessment>;
	/** the stored year results (only at 'year') by pupil */
	results: Record<number, { result: PrimaryResult | null; missing: number }>;
}

async function isPublished(db: Db, classId: number, checkpoint: Checkpoint) {
	const row = await db
		.selectFrom('grade_publications')
		.select('class_id')
		.where('class_id', '=', classId)
		.where('checkpoint', '=', checkpoint)
		.executeTakeFirst();
	return !!row;
}

/** The grid of a class's checkpoint: pupils x the grade's subjects, stored cells, entry state. */
export async function loadPrimaryGrid(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint
): Promise<PrimaryGrid> {
	const [pupils, subjects, stored, state, published] = await Promise.all([
		classPupils(db, cls.id),
		classSubjects(db, cls, checkpoint),
		storedAssessments(db, cls, checkpoint),
		primaryEntryState(db, cls, checkpoint),
		isPublished(db, cls.id, checkpoint)
	]);
	const results: PrimaryGrid['results'] = {};
	if (checkpoint === 'year') {
		const rows = await db
			.selectFrom('primary_year_results')
			.select(['student_id', 'result', 'missing'])
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute();
		for (const r of rows) results[r.student_id] = { result: r.result, missing: r.missing };
	}
	return {
		checkpoint,
		state,
		published,
		pupils,
		subjects,
		cells: Object.fromEntries(stored),
		results
	};
}

export interface QualityGrid {
	checkpoint: Checkpoint;
	state: EntryState;
	pupils: Pupil[];
	cells: Record<string, StoredQuality>;
}

export async function loadQualityGrid(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint
): Promise<QualityGrid> {
	const [pupils, stored, state] = await Promise.all([
		classPupils(db, cls.id),
		storedQualities(db, cls, checkpoint),
		primaryEntryState(db, cls, checkpoint)
	]);
	return { checkpoint, state, pupils, cells: Object.fromEntries(stored) };
}
