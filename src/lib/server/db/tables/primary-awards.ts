import type { Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** Nominations for the "Học sinh Tiêu biểu" award of primary (Circular 27, Art. 13; 0391). */
export interface PrimaryAwardNominationsTable {
	id: Generated<number>;
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	subject_id: number | null;
	quality_item: string | null;
	reason: string;
	status: Generated<'nominated' | 'confirmed' | 'refused'>;
	nominated_by: number | null;
	nominated_at: Timestamp;
	decided_by: number | null;
	decided_at: Date | null;
	version: Generated<number>;
}

export interface PrimaryAwardTables {
	primary_award_nominations: PrimaryAwardNominationsTable;
}
