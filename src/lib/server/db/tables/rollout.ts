import type { Generated, Selectable } from 'kysely';
import type { Audited, CreatedAt, DateString, Timestamp } from '../schema';

export type PlatformStatus = 'not_started' | 'deploying' | 'deployed' | 'in_use';
export type PlatformGroup = 'teaching' | 'management';
export type StatusSource = 'manual' | 'usage' | 'import' | 'seed';

export interface PlatformsTable extends Audited {
	id: Generated<number>;
	code: string;
	name_vi: string;
	name_en: string;
	group_code: PlatformGroup;
	description_vi: Generated<string>;
	description_en: Generated<string>;
	how_to_vi: Generated<string>;
	how_to_en: Generated<string>;
	requirements_vi: Generated<string>;
	requirements_en: Generated<string>;
	suggested_vendors: Generated<string>;
	sort_order: Generated<number>;
	retired_at: Date | null;
}

export interface SchoolPlatformsTable {
	school_id: number;
	platform_id: number;
	status: Generated<PlatformStatus>;
	status_source: Generated<StatusSource>;
	vendor: string | null;
	go_live_on: DateString | null;
	evidence_url: string | null;
	responsible_staff_id: number | null;
	note: string | null;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface SchoolPlatformHistoryTable {
	id: Generated<number>;
	school_id: number;
	platform_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	from_status: PlatformStatus | null;
	to_status: PlatformStatus;
	source: Generated<StatusSource>;
	note: string | null;
}

export interface RolloutTables {
	platforms: PlatformsTable;
	school_platforms: SchoolPlatformsTable;
	school_platform_history: SchoolPlatformHistoryTable;
}

export type Platform = Selectable<PlatformsTable>;
export type SchoolPlatform = Selectable<SchoolPlatformsTable>;
