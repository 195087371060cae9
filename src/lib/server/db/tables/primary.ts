import type { Generated } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { PrimaryResult, QualityItem, QualityLevel, SubjectLevel } from '$lib/grades/primary';
import type { Timestamp } from '../schema';

/** Circular 27 (migration 0290): one row per pupil x subject x checkpoint. */
export interface PrimaryAssessmentsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	subject_id: number;
	checkpoint: Checkpoint;
	level: SubjectLevel | null;
	/** an integer 1-10, only where the grade has a periodic test at the checkpoint */
	test_score: number | null;
	comment: Generated<string>;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface PrimaryQualitiesTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	checkpoint: Checkpoint;
	item: QualityItem;
	level: QualityLevel;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface PrimaryYearResultsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	result: PrimaryResult | null;
	missing: Generated<number>;
	updated_at: Timestamp;
}

export interface PrimaryTables {
	primary_assessments: PrimaryAssessmentsTable;
	primary_qualities: PrimaryQualitiesTable;
	primary_year_results: PrimaryYearResultsTable;
}
