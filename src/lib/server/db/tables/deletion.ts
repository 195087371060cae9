import type { Generated } from 'kysely';
import type { CreatedAt } from '../schema';

/** A user's request to delete their personal data, per school, and its outcome (migration 0380). */
export interface DataDeletionRequestsTable {
	id: Generated<number>;
	user_id: number;
	school_id: number;
	reason: string | null;
	status: Generated<'pending' | 'done' | 'refused'>;
	outcome: string | null;
	handled_by: number | null;
	handled_at: Date | null;
	created_at: CreatedAt;
	version: Generated<number>;
}

export interface DeletionTables {
	data_deletion_requests: DataDeletionRequestsTable;
}
