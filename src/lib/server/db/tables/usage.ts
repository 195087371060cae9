import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt, DateString, Json, Timestamp } from '../schema';

export type UsageSource = 'manual' | 'api' | 'import' | 'seed' | 'portal';
/** bigint sums come back as numbers (see connect.ts). */
type BigSum = ColumnType<number, number | undefined, number>;

export interface UsageSettingsTable {
	department_id: number;
	in_use_threshold: Generated<number>;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface UsageApiTokensTable {
	id: Generated<number>;
	name: string;
	token_hash: string;
	token_prefix: string;
	school_id: number | null;
	department_id: number | null;
	platform_id: number | null;
	created_by: number;
	created_at: CreatedAt;
	last_used_at: Date | null;
	revoked_at: Date | null;
	revoked_by: number | null;
	/** 'usage' (platforms report usage) or 'grades' (one school's grades API), migration 0280 */
	purpose: Generated<ApiTokenPurpose>;
}

export type ApiTokenPurpose = 'usage' | 'grades';

export interface UsageEventsTable {
	id: Generated<number>;
	school_id: number;
	platform_id: number;
	staff_id: number;
	occurred_on: DateString;
	occurred_at: Date | null;
	periods: number | null;
	minutes: number | null;
	students: number | null;
	class_ids: Generated<number[]>;
	class_name: string | null;
	note: string | null;
	source: UsageSource;
	token_id: number | null;
	source_event_id: string | null;
	import_batch_id: string | null;
	created_by: number | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
	version: Generated<number>;
}

export interface UsageDailyTable {
	school_id: number;
	platform_id: number;
	day: DateString;
	sessions: number;
	minutes: BigSum;
}

export interface UsageDailyTeacherTable {
	school_id: number;
	staff_id: number;
	platform_id: number;
	day: DateString;
	sessions: number;
	minutes: BigSum;
}

export interface UsageDailyClassTable {
	school_id: number;
	platform_id: number;
	day: DateString;
	class_key: string;
	sessions: number;
}

export interface UsageTeacherPlatformTable {
	school_id: number;
	platform_id: number;
	staff_id: number;
	first_on: DateString;
	last_on: DateString;
}

export interface UsageWeeklyTable {
	school_id: number;
	platform_id: number;
	week: DateString;
	sessions: number;
	minutes: BigSum;
	active_teachers: Generated<number>;
}

export interface UsageWeeklyTeacherTable {
	school_id: number;
	platform_id: number;
	week: DateString;
	staff_id: number;
	sessions: number;
}

export interface UsageImportBatchesTable {
	id: string;
	school_id: number;
	platform_id: number;
	file_name: string;
	row_count: number;
	error_count: number;
	events: Json<Record<string, unknown>[]>;
	errors: Json<{ index: number; errors: string[] }[]>;
	status: Generated<'preview' | 'committed' | 'discarded'>;
	accepted: number | null;
	duplicates: number | null;
	created_by: number;
	created_at: CreatedAt;
	expires_at: Timestamp;
	committed_at: Date | null;
}

export interface UsageTables {
	usage_import_batches: UsageImportBatchesTable;
	usage_settings: UsageSettingsTable;
	usage_api_tokens: UsageApiTokensTable;
	usage_events: UsageEventsTable;
	usage_daily: UsageDailyTable;
	usage_daily_teacher: UsageDailyTeacherTable;
	usage_daily_class: UsageDailyClassTable;
	usage_teacher_platform: UsageTeacherPlatformTable;
	usage_weekly: UsageWeeklyTable;
	usage_weekly_teacher: UsageWeeklyTeacherTable;
}

export type UsageEvent = Selectable<UsageEventsTable>;
export type UsageApiToken = Selectable<UsageApiTokensTable>;
