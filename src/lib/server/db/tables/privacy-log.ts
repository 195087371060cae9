import type { ColumnType, Generated } from 'kysely';

/** A staff read of a pupil's data outside the pupil's classes (migration 0420). */
export interface PupilAccessLogTable {
	id: Generated<number>;
	school_id: number;
	student_id: number;
	user_id: number | null;
	what: 'pupil' | 'guardian';
	accessed_at: ColumnType<Date, Date | string | undefined, never>;
	request_id: string | null;
}

export interface PrivacyLogTables {
	pupil_access_log: PupilAccessLogTable;
}
