import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../schema';

/** Conversations between a family and the school about one pupil (migration 0051). */
export type ConversationKind = 'homeroom' | 'subject' | 'office';
export type ConversationSide = 'family' | 'staff';

export interface ConversationsTable {
	id: Generated<number>;
	school_id: number;
	student_id: number;
	kind: ConversationKind;
	staff_id: number | null;
	subject_id: number | null;
	title: string;
	started_by: number;
	created_at: CreatedAt;
	last_message_id: number | null;
	last_message_at: Timestamp;
}

export interface ConversationParticipantsTable {
	conversation_id: number;
	user_id: number;
	side: ConversationSide;
	last_read_message_id: number | null;
	last_read_at: Date | null;
	joined_at: CreatedAt;
}

export interface ConversationMessagesTable {
	id: Generated<number>;
	conversation_id: number;
	sender_id: number;
	side: ConversationSide;
	body: string;
	created_at: CreatedAt;
}

export interface MessagesTables {
	conversations: ConversationsTable;
	conversation_participants: ConversationParticipantsTable;
	conversation_messages: ConversationMessagesTable;
}

/** Announcements and their recipients (migration 0052). */
export type NoticeTargetKind = 'school' | 'grades' | 'classes' | 'students' | 'staff';

export interface NoticesTable {
	id: Generated<number>;
	school_id: number;
	title: string;
	body: string;
	audience: 'families' | 'staff';
	target_kind: NoticeTargetKind;
	target_ids: Generated<number[]>;
	requires_confirmation: Generated<boolean>;
	confirm_by: Date | null;
	sent_by: number;
	sent_at: CreatedAt;
	recipient_count: Generated<number>;
	last_reminded_at: Date | null;
	remind_count: Generated<number>;
}

export interface NoticeRecipientsTable {
	notice_id: number;
	user_id: number;
	delivered_at: CreatedAt;
	read_at: Date | null;
	confirmed_at: Date | null;
	reminded_at: Date | null;
}

export interface NoticesTables {
	notices: NoticesTable;
	notice_recipients: NoticeRecipientsTable;
}

/** Automatic notices from domain events, and readers' cursors (migration 0053). */
export interface NotificationsTable {
	id: Generated<number>;
	user_id: number;
	event_id: number;
	kind: string;
	school_id: number | null;
	params: Json<Record<string, string>>;
	link: string;
	created_at: CreatedAt;
	read_at: Date | null;
}

export interface EventCursorsTable {
	reader: string;
	last_event_id: Generated<number>;
	updated_at: Generated<Date>;
}

export interface NotificationsTables {
	notifications: NotificationsTable;
	event_cursors: EventCursorsTable;
}

/** Leave requests (migration 0054); days are 'yyyy-mm-dd' strings. */
export type LeaveSessions = 'all' | 'morning' | 'afternoon';
export type LeaveStatus = 'pending' | 'approved' | 'refused';

export interface LeaveRequestsTable {
	id: Generated<number>;
	school_id: number;
	student_id: number;
	class_id: number;
	requested_by: number;
	from_day: string;
	to_day: string;
	sessions: LeaveSessions;
	reason: string;
	status: Generated<LeaveStatus>;
	answered_by: number | null;
	answered_at: Date | null;
	answer_note: string | null;
	created_at: CreatedAt;
	version: Generated<number>;
}

export interface LeaveTables {
	leave_requests: LeaveRequestsTable;
}
