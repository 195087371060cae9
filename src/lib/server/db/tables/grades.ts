import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '../schema';
import type { HomeroomTables } from './homeroom';
import type { GradeCommentTables } from './grade-comments';

/** A gradebook column: regular assessments tx1..tx9, mid-term gk, end-of-term ck. */
export type GradeColumn = `tx${number}` | 'gk' | 'ck';
/** 'value' with a null value is an empty cell; the other states never carry a value. */
export type CellState = 'value' | 'absent_makeup' | 'exempt' | 'dat' | 'chua_dat';
export type ResultStatus = 'ok' | 'incomplete' | 'exempt';

export interface GradePlansTable {
	id: Generated<number>;
	school_id: number;
	school_year_id: number;
	grade: number;
	subject_id: number;
	assessment: 'score' | 'comment';
	periods_per_year: number;
	regular_count: number;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface GradeScoresTable {
	id: Generated<number>;
	student_id: number;
	subject_id: number;
	semester_id: number;
	class_id: number;
	column_key: GradeColumn;
	/** numeric(3,1), parsed to a number (connect.ts) */
	value: number | null;
	state: Generated<CellState>;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface GradeResultsTable {
	student_id: number;
	subject_id: number;
	semester_id: number;
	class_id: number;
	status: ResultStatus;
	average: number | null;
	passed: boolean | null;
	missing: ColumnType<string[], string[] | undefined, string[]>;
	updated_at: Timestamp;
}

export interface GradesTables
	extends CheckpointTables, AttendanceTables, HomeroomTables, GradeCommentTables {
	grade_plans: GradePlansTable;
	grade_scores: GradeScoresTable;
	grade_results: GradeResultsTable;
}

export type GradeScore = Selectable<GradeScoresTable>;
export type GradeResult = Selectable<GradeResultsTable>;

export type Checkpoint = 'mid1' | 'end1' | 'mid2' | 'year';

export interface GradeCheckpointsTable {
	school_id: number;
	school_year_id: number;
	checkpoint: Checkpoint;
	/** dates as 'yyyy-mm-dd' */
	opens_on: string | null;
	closes_on: string | null;
	locks_on: string | null;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface GradePublicationsTable {
	class_id: number;
	checkpoint: Checkpoint;
	published_by: number | null;
	published_at: Generated<Date>;
}

export type CorrectionStatus = 'pending' | 'approved' | 'refused';

export interface GradeCorrectionsTable {
	id: Generated<number>;
	class_id: number;
	student_id: number;
	subject_id: number;
	semester_id: number;
	column_key: GradeColumn;
	old_value: number | null;
	old_state: CellState;
	old_version: number;
	new_value: number | null;
	new_state: CellState;
	reason: string;
	status: Generated<CorrectionStatus>;
	requested_by: number;
	requested_at: Generated<Date>;
	decided_by: number | null;
	decided_at: Date | null;
	decision_note: string | null;
	version: Generated<number>;
}

export interface CheckpointTables {
	grade_checkpoints: GradeCheckpointsTable;
	grade_publications: GradePublicationsTable;
	grade_corrections: GradeCorrectionsTable;
}

export type AttendanceSession = 'morning' | 'afternoon';
export type AbsenceStatus = 'excused' | 'unexcused';

export interface AttendanceRollsTable {
	class_id: number;
	/** 'yyyy-mm-dd' */
	day: string;
	session: AttendanceSession;
	taken_by: number | null;
	taken_at: Timestamp;
	version: Generated<number>;
}

export interface AttendanceAbsencesTable {
	class_id: number;
	student_id: number;
	day: string;
	session: AttendanceSession;
	status: AbsenceStatus;
	/** the approved leave request that excused it (migration 0120) */
	leave_request_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AttendanceTables {
	attendance_rolls: AttendanceRollsTable;
	attendance_absences: AttendanceAbsencesTable;
}
