import type { Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** The calendar's checkpoints, Circular 27 levels and items (as $lib/grades/primary.ts). */
export type PrimaryCheckpointValue = 'mid1' | 'end1' | 'mid2' | 'year';
export type SubjectLevelValue = 'T' | 'H' | 'C';
export type QualityLevelValue = 'tot' | 'dat' | 'can_co_gang';
export type PrimaryResultValue = 'xuat_sac' | 'tot' | 'hoan_thanh' | 'chua_hoan_thanh';
export type QualityItemValue =
	| 'yeu_nuoc'
	| 'nhan_ai'
	| 'cham_chi'
	| 'trung_thuc'
	| 'trach_nhiem'
	| 'tu_chu_tu_hoc'
	| 'giao_tiep_hop_tac'
	| 'giai_quyet_van_de'
	| 'ngon_ngu'
	| 'tinh_toan'
	| 'khoa_hoc'
	| 'cong_nghe'
	| 'tin_hoc'
	| 'tham_mi'
	| 'the_chat';

/** Circular 27 (migration 0290): one row per pupil x subject x checkpoint. */
export interface PrimaryAssessmentsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	subject_id: number;
	checkpoint: PrimaryCheckpointValue;
	level: SubjectLevelValue | null;
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
	checkpoint: PrimaryCheckpointValue;
	item: QualityItemValue;
	level: QualityLevelValue;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface PrimaryYearResultsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	result: PrimaryResultValue | null;
	missing: Generated<number>;
	updated_at: Timestamp;
}

/** A school's reading of which subjects have periodic tests in a grade (0330; no row: the default). */
export interface PrimaryTestPlansTable {
	school_id: number;
	school_year_id: number;
	grade: number;
	subject_id: number;
	at_end: boolean;
	at_mid: boolean;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface PrimaryTables {
	primary_test_plans: PrimaryTestPlansTable;
	primary_assessments: PrimaryAssessmentsTable;
	primary_qualities: PrimaryQualitiesTable;
	primary_year_results: PrimaryYearResultsTable;
}
