import type { Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** The principal's "lên lớp" / "ở lại lớp" for a primary pupil at Chưa hoàn thành (Circular 27, Art. 11; 0430). */
export interface PrimaryPromotionDecisionsTable {
	school_id: number;
	class_id: number;
	student_id: number;
	school_year_id: number;
	decision: 'promote' | 'repeat';
	note: string;
	decided_by: number | null;
	decided_at: Timestamp;
	version: Generated<number>;
}

export interface PrimaryDecisionTables {
	primary_promotion_decisions: PrimaryPromotionDecisionsTable;
}
