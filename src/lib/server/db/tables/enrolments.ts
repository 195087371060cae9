import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../schema';

/** What the year rollover decided for a pupil's enrolment of the finishing year (0360). */
export type EnrolmentOutcome = 'promoted' | 'repeat' | 'graduated';

/** A pupil's class in one school year (0360); kept by a trigger on `students.class_id`. */
export interface StudentEnrolmentsTable {
	school_id: number;
	student_id: number;
	school_year_id: number;
	class_id: number;
	outcome: EnrolmentOutcome | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

/** The year rollover of one class of the finishing year (0360). */
export interface ClassRolloversTable {
	school_id: number;
	class_id: number;
	target_year_id: number;
	moved: Generated<number>;
	committed_by: number | null;
	committed_at: Timestamp;
	runs: Generated<number>;
}

export interface EnrolmentTables {
	student_enrolments: StudentEnrolmentsTable;
	class_rollovers: ClassRolloversTable;
}
