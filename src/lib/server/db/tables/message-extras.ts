import type { Generated } from 'kysely';
import type { CreatedAt } from '../schema';

/** Attachments of messages and notices (migration 0121): exactly one of message_id / notice_id. */
export interface MessageAttachmentsTable {
	id: Generated<number>;
	school_id: number;
	message_id: number | null;
	notice_id: number | null;
	storage_key: string;
	file_name: string;
	content_type: string;
	size_bytes: number;
	created_by: number | null;
	created_at: CreatedAt;
}

/** Tables of the messages module added after its first slice (migrations 0120+). */
export interface MessageExtraTables {
	message_attachments: MessageAttachmentsTable;
}
