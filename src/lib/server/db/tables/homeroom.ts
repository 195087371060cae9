import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** Circular 22 levels (learning and conduct). */
export type LevelValue = 'tot' | 'kha' | 'dat' | 'chua_dat';
/** '1' / '2': a semester's conduct; 'summer': the re-assessment after summer training (Art. 13). */
export type ConductTerm = '1' | '2' | 'summer';
export type YearDecisionValue =
	| 'promoted'
	| 'summer_retest'
	| 'summer_conduct_training'
	| 'summer_conduct_training_and_retest'
	| 'repeat';

export interface GradeConductTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	term: ConductTerm;
	level: LevelValue;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface GradeRetestsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	subject_id: number;
	/** numeric(3,1), parsed to a number */
	value: number | null;
	passed: boolean | null;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface GradeYearSummariesTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	learning1: LevelValue | null;
	learning2: LevelValue | null;
	learning_year: LevelValue | null;
	adjusted_subject_id: number | null;
	conduct1: LevelValue | null;
	conduct2: LevelValue | null;
	conduct_year: LevelValue | null;
	absences_excused: Generated<number>;
	absences_unexcused: Generated<number>;
	decision: YearDecisionValue | null;
	retest_subject_ids: ColumnType<number[], number[] | undefined, number[]>;
	learning_final: LevelValue | null;
	conduct_final: LevelValue | null;
	final_decision: 'promoted' | 'repeat' | null;
	award: 'xuat_sac' | 'gioi' | null;
	updated_at: Timestamp;
}

/** The homeroom teacher's comment on a pupil's semester (0322). */
export interface HomeroomCommentsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	term: '1' | '2';
	body: string;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface HomeroomTables {
	grade_conduct: GradeConductTable;
	homeroom_comments: HomeroomCommentsTable;
	grade_retests: GradeRetestsTable;
	grade_year_summaries: GradeYearSummariesTable;
}
