import type { Generated } from 'kysely';
import type { CreatedAt } from '../schema';

/** Notices of the department or an area office to the schools of its scope (migration 0270). */
export interface OfficialNoticesTable {
	id: Generated<number>;
	department_id: number;
	/** null: the province's scope (sent by the department) */
	area_id: number | null;
	title: string;
	body: string;
	include_teachers: Generated<boolean>;
	sent_by: number;
	sent_at: CreatedAt;
	school_count: Generated<number>;
	/** target schools whose administrator has opened it */
	read_count: Generated<number>;
	/** the last "remind those who have not" (0350) */
	last_reminded_at: Date | null;
	remind_count: Generated<number>;
}

export interface OfficialNoticeSchoolsTable {
	notice_id: number;
	school_id: number;
	/** first opened by one of the school's administrators */
	read_at: Date | null;
	/** the last reminder of this unread school (0350) */
	reminded_at: Date | null;
}

export interface OfficialNoticeReadsTable {
	notice_id: number;
	school_id: number;
	user_id: number;
	read_at: CreatedAt;
}

/** Files of an official notice (0351). */
export interface OfficialNoticeAttachmentsTable {
	id: Generated<number>;
	notice_id: number;
	storage_key: string;
	file_name: string;
	content_type: string;
	size_bytes: number;
	created_by: number | null;
	created_at: CreatedAt;
}

export interface OfficialNoticeTables {
	official_notices: OfficialNoticesTable;
	official_notice_schools: OfficialNoticeSchoolsTable;
	official_notice_reads: OfficialNoticeReadsTable;
	official_notice_attachments: OfficialNoticeAttachmentsTable;
}
