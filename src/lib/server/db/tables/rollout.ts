import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Audited, CreatedAt, DateString, Json, Timestamp } from '../schema';

import type {
	ChecklistStatus,
	ItemStatus,
	PlatformGroup,
	PlatformStatus,
	ReviewDecision,
	TemplateKind,
	TemplateStatus
} from '../../../rollout/statuses';

export type {
	ChecklistStatus,
	ItemStatus,
	PlatformGroup,
	PlatformStatus,
	ReviewDecision,
	TemplateKind,
	TemplateStatus
};
export type StatusSource = 'manual' | 'usage' | 'import' | 'seed';
/** The steps checklist_history records (a CHECK constraint of migration 0091 lists the same). */
export type ChecklistHistoryAction =
	| 'applied'
	| 'submit'
	| 'withdraw'
	| 'approve'
	| 'return'
	| 'recall'
	| 'item_saved'
	| 'item_reviewed'
	| 'evidence_added'
	| 'evidence_removed';

/** Numeric columns come back as numbers (see connect.ts type parsers). */
type Numeric = ColumnType<number, number | string, number | string>;
type NullableNumeric = ColumnType<
	number | null,
	number | string | null | undefined,
	number | string | null
>;

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
	/** measured use (0141): teachers active in 30 days, teachers, threshold, day measured */
	measured_active: number | null;
	/** teachers active in the last 7 days (0440) */
	measured_active7: number | null;
	measured_teachers: number | null;
	measured_threshold: number | null;
	measured_on: DateString | null;
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
	changes: Json<Record<string, [unknown, unknown]>> | null;
}

export interface RolloutWavesTable extends Audited {
	id: Generated<number>;
	department_id: number;
	ordinal: number;
	name: string;
	starts_on: DateString;
	target_on: DateString;
	note: string | null;
}

export interface SchoolWavesTable {
	school_id: number;
	wave_id: number;
	mentor_school_id: number | null;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface ChecklistTemplatesTable extends Audited {
	id: Generated<number>;
	department_id: number;
	code: string;
	revision: Generated<number>;
	kind: TemplateKind;
	name_vi: string;
	name_en: string;
	description_vi: Generated<string>;
	description_en: Generated<string>;
	is_verified: Generated<boolean>;
	status: Generated<TemplateStatus>;
	published_at: Date | null;
	verified_at: Date | null;
	verified_by: number | null;
}

export interface ChecklistCriteriaTable {
	id: Generated<number>;
	template_id: number;
	group_code: PlatformGroup;
	code: string;
	title_vi: string;
	title_en: string;
	guidance_vi: Generated<string>;
	guidance_en: Generated<string>;
	max_points: Numeric;
	is_mandatory: Generated<boolean>;
	evidence_required: Generated<boolean>;
	due_offset_days: number | null;
	due_on: DateString | null;
	platform_id: number | null;
	sort_order: Generated<number>;
}

export interface SchoolChecklistsTable {
	id: Generated<number>;
	school_id: number;
	template_id: number;
	status: Generated<ChecklistStatus>;
	submitted_at: Date | null;
	submitted_by: number | null;
	reviewed_at: Date | null;
	reviewed_by: number | null;
	approved_at: Date | null;
	/** the reviewer's reason for approving with an unmet mandatory condition (0142) */
	approval_exception: string | null;
	created_at: Timestamp;
	created_by: number | null;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface SchoolChecklistItemsTable {
	id: Generated<number>;
	checklist_id: number;
	criterion_id: number;
	school_id: number;
	status: Generated<ItemStatus>;
	self_score: NullableNumeric;
	reviewer_score: NullableNumeric;
	review_decision: ReviewDecision | null;
	review_comment: string | null;
	responsible_staff_id: number | null;
	due_on: DateString | null;
	note: string | null;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface ChecklistEvidenceTable {
	id: Generated<number>;
	item_id: number;
	school_id: number;
	kind: 'file' | 'link';
	url: string | null;
	storage_key: string | null;
	file_name: string | null;
	content_type: string | null;
	size_bytes: number | null;
	label: string | null;
	created_at: CreatedAt;
	created_by: number | null;
}

export interface ChecklistHistoryTable {
	id: Generated<number>;
	checklist_id: number;
	item_id: number | null;
	school_id: number;
	at: CreatedAt;
	actor_user_id: number | null;
	action: ChecklistHistoryAction;
	from_status: string | null;
	to_status: string | null;
	reason: string | null;
	changes: Json<Record<string, unknown>> | null;
}

export interface SchoolRolloutSummaryTable {
	school_id: number;
	department_id: number;
	area_id: number;
	level: string;
	active: Generated<boolean>;
	student_count: Generated<number>;
	class_count: Generated<number>;
	declared_student_count: number | null;
	declared_class_count: number | null;
	wave_id: number | null;
	wave_target_on: DateString | null;
	platforms_total: Generated<number>;
	platforms_deploying: Generated<number>;
	platforms_deployed: Generated<number>;
	platforms_in_use: Generated<number>;
	platforms_measured_in_use: Generated<number>;
	platforms_measured: Generated<number>;
	checklist_id: number | null;
	checklist_status: ChecklistStatus | null;
	checklist_done: Generated<number>;
	checklist_total: Generated<number>;
	checklist_percent: Numeric;
	teaching_score: NullableNumeric;
	teaching_level: number | null;
	management_score: NullableNumeric;
	management_level: number | null;
	mandatory_missing: Generated<boolean>;
	mandatory_due_on: DateString | null;
	awaiting_review: Generated<boolean>;
	completed_on: DateString | null;
	updated_at: Timestamp;
}

export interface RolloutPlatformCountsTable {
	department_id: number;
	area_id: number;
	level: string;
	wave_id: Generated<number>;
	platform_id: number;
	status: PlatformStatus;
	schools: Generated<number>;
}

export interface RolloutPlatformTotalsTable {
	department_id: number;
	platform_id: number;
	status: PlatformStatus;
	schools: Generated<number>;
}

/** Dashboard sums per group of active schools (0321), kept by triggers on school_rollout_summary. */
export interface RolloutRollupTable {
	department_id: number;
	area_id: number;
	level: string;
	wave_id: number | null;
	month: string | null;
	wave_target_on: DateString | null;
	mandatory_due_on: DateString | null;
	schools: number;
	all_in_use: number;
	all_measured_in_use: number;
	approved: number;
	in_progress: number;
	awaiting_review: number;
	t1: number;
	t2: number;
	t3: number;
	m1: number;
	m2: number;
	m3: number;
	platforms_in_use: number;
	platforms_measured_in_use: number;
	platforms_total: number;
	checklist_percent: number;
	students_declared: number;
	classes_declared: number;
	undeclared: number;
	students_listed: number;
	classes_listed: number;
}

export interface RolloutTables {
	rollout_rollup: RolloutRollupTable;
	platforms: PlatformsTable;
	school_platforms: SchoolPlatformsTable;
	school_platform_history: SchoolPlatformHistoryTable;
	rollout_waves: RolloutWavesTable;
	school_waves: SchoolWavesTable;
	checklist_templates: ChecklistTemplatesTable;
	checklist_criteria: ChecklistCriteriaTable;
	school_checklists: SchoolChecklistsTable;
	school_checklist_items: SchoolChecklistItemsTable;
	checklist_evidence: ChecklistEvidenceTable;
	checklist_history: ChecklistHistoryTable;
	school_rollout_summary: SchoolRolloutSummaryTable;
	rollout_platform_counts: RolloutPlatformCountsTable;
	rollout_platform_totals: RolloutPlatformTotalsTable;
}

export type Platform = Selectable<PlatformsTable>;
export type SchoolPlatform = Selectable<SchoolPlatformsTable>;
export type Wave = Selectable<RolloutWavesTable>;
export type ChecklistTemplate = Selectable<ChecklistTemplatesTable>;
export type ChecklistCriterion = Selectable<ChecklistCriteriaTable>;
export type NewChecklistCriterion = Insertable<ChecklistCriteriaTable>;
export type SchoolChecklist = Selectable<SchoolChecklistsTable>;
export type SchoolChecklistItem = Selectable<SchoolChecklistItemsTable>;
export type RolloutSummary = Selectable<SchoolRolloutSummaryTable>;
