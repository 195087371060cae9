import type { Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** The subject teacher's comment (nhận xét) per pupil x subject x semester (migration 0220). */
export interface GradeCommentsTable {
	id: Generated<number>;
	school_id: number;
	student_id: number;
	subject_id: number;
	semester_id: number;
	class_id: number;
	/** '' once emptied: the row stays so its version keeps growing */
	body: string;
	version: Generated<number>;
	updated_by: number | null;
	updated_at: Timestamp;
}

export interface GradeCommentTables {
	grade_comments: GradeCommentsTable;
}
