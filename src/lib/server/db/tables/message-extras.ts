import type { ColumnType, Generated, RawBuilder } from 'kysely';
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

/** A user's e-mail categories (migration 0122); no row: portal only. */
export interface NotificationPreferencesTable {
	user_id: number;
	email_kinds: ColumnType<string[], string[] | undefined, string[]>;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
	/** quiet hours (migration 0240): minutes since midnight, Vietnam time; both or neither */
	quiet_start: ColumnType<number | null, number | null | undefined, number | null>;
	quiet_end: ColumnType<number | null, number | null | undefined, number | null>;
	/** the categories also sent by Web Push (migration 0310) */
	push_kinds: ColumnType<string[], string[] | undefined, string[]>;
}

/** E-mails to send (migration 0122; see server/messages/delivery.ts). */
export interface DeliveryOutboxTable {
	id: Generated<number>;
	batch_key: string;
	user_id: number;
	email: string;
	subject: string;
	body: string;
	status: ColumnType<'pending' | 'sent' | 'dead', 'pending' | 'sent' | 'dead' | undefined>;
	attempts: Generated<number>;
	next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string | RawBuilder<unknown>>;
	claimed_until: Date | null;
	last_error: string | null;
	created_at: CreatedAt;
	sent_at: Date | null;
}

/** A school's retention of messages (migration 0123); no row: the default. */
export interface MessageRetentionSettingsTable {
	school_id: number;
	retention_days: number;
	updated_by: number | null;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string | RawBuilder<unknown>>;
	version: ColumnType<number, number | undefined, number | RawBuilder<unknown>>;
}

/** Tables of the messages module added after its first slice (migrations 0120+). */
export interface MessageExtraTables {
	message_attachments: MessageAttachmentsTable;
	notification_preferences: NotificationPreferencesTable;
	delivery_outbox: DeliveryOutboxTable;
	message_retention_settings: MessageRetentionSettingsTable;
	push_vapid_keys: PushVapidKeysTable;
	push_subscriptions: PushSubscriptionsTable;
	push_outbox: PushOutboxTable;
}

/** The portal's VAPID key pair (migration 0310): one row, id 1. */
export interface PushVapidKeysTable {
	id: ColumnType<number, number | undefined, never>;
	public_key: string;
	private_key: string;
	created_at: CreatedAt;
}

/** A browser's push subscription (migration 0310). */
export interface PushSubscriptionsTable {
	id: Generated<number>;
	user_id: number;
	endpoint: string;
	p256dh: string;
	auth: string;
	created_at: CreatedAt;
	last_success_at: ColumnType<
		Date | null,
		Date | null | undefined,
		Date | null | RawBuilder<unknown>
	>;
}

/** Push notifications to send (migration 0310; see server/messages/push-delivery.ts). */
export interface PushOutboxTable {
	id: Generated<number>;
	batch_key: string;
	user_id: number;
	subscription_id: number;
	kind: string;
	title: string;
	body: string;
	url: string;
	status: ColumnType<'pending' | 'sent' | 'dead', 'pending' | 'sent' | 'dead' | undefined>;
	attempts: Generated<number>;
	next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string | RawBuilder<unknown>>;
	claimed_until: Date | null;
	last_error: string | null;
	created_at: CreatedAt;
	sent_at: Date | null;
}

/** Weekly office hours of a teacher (migration 0160); minutes since midnight, Vietnam time. */
export interface TeacherOfficeHoursTable {
	school_id: number;
	staff_id: number;
	weekday: number;
	start_minute: number;
	end_minute: number;
	updated_by: number | null;
	updated_at: Generated<Date>;
}

/** Tables of the office-hours slice (migration 0160). */
export interface OfficeHoursTables {
	teacher_office_hours: TeacherOfficeHoursTable;
	school_holidays: SchoolHolidaysTable;
}

/** Days off of a school (migration 0241): not working days for the response figures. */
export interface SchoolHolidaysTable {
	school_id: number;
	day: string;
	name: string;
	created_by: number | null;
	created_at: ColumnType<Date, Date | string | undefined, never>;
}
