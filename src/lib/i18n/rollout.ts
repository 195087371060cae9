import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type {
	ChecklistStatus,
	ItemStatus,
	PlatformGroup,
	ReviewDecision
} from '$lib/rollout/statuses';
import type { RiskReason } from '$lib/rollout/risk';

/** Labels of the rollout's vocabularies in the reader's language (platform statuses: ./statuses). */
export function itemStatusLabel(status: ItemStatus): string {
	return {
		not_started: m.rollout_item_not_started,
		in_progress: m.rollout_item_in_progress,
		done: m.rollout_item_done,
		not_applicable: m.rollout_item_not_applicable
	}[status]();
}

export function checklistStatusLabel(status: ChecklistStatus | null | undefined): string {
	if (!status) return '–';
	return {
		draft: m.rollout_checklist_draft,
		submitted: m.rollout_checklist_submitted,
		returned: m.rollout_checklist_returned,
		approved: m.rollout_checklist_approved
	}[status]();
}

export function groupLabel(group: PlatformGroup): string {
	return group === 'teaching' ? m.rollout_group_teaching() : m.rollout_group_management();
}

export function decisionLabel(decision: ReviewDecision | null): string {
	if (!decision) return '–';
	return decision === 'accepted' ? m.rollout_decision_accepted() : m.rollout_decision_returned();
}

export function riskLabel(reason: RiskReason): string {
	return reason === 'late' ? m.rollout_risk_late() : m.rollout_risk_mandatory();
}

const ACTIONS: Record<string, () => string> = {
	applied: m.rollout_history_applied,
	item_saved: m.rollout_history_item_saved,
	item_reviewed: m.rollout_history_item_reviewed,
	evidence_added: m.rollout_history_evidence_added,
	evidence_removed: m.rollout_history_evidence_removed,
	submit: m.rollout_history_submit,
	withdraw: m.rollout_history_withdraw,
	approve: m.rollout_history_approve,
	return: m.rollout_history_return,
	recall: m.rollout_history_recall
};
export function historyActionLabel(action: string): string {
	return ACTIONS[action]?.() ?? action;
}

const FIELDS: Record<string, () => string> = {
	status: m.rollout_field_status,
	self_score: m.rollout_field_self_score,
	reviewer_score: m.rollout_field_reviewer_score,
	review_decision: m.rollout_field_review_decision,
	review_comment: m.rollout_field_review_comment,
	responsible_staff_id: m.rollout_field_responsible,
	due_on: m.rollout_field_due_on,
	note: m.rollout_field_note,
	vendor: m.rollout_field_vendor,
	go_live_on: m.rollout_field_go_live_on,
	evidence_url: m.rollout_field_evidence_url
};

/**
 * What a history entry changed, in plain words ("Đã đổi: Trạng thái, Ghi chú"), never the
 * column names it is stored with. A file or a link names itself; a byte count is left out.
 */
export function changesLabel(changes: unknown): string {
	if (!changes || typeof changes !== 'object') return '';
	const c = changes as Record<string, unknown>;
	const parts: string[] = [];
	for (const key of Object.keys(c)) {
		if (key === 'file') parts.push(m.rollout_field_file({ name: String(c.file) }));
		else if (key === 'url') parts.push(m.rollout_field_url({ url: String(c.url) }));
		else if (FIELDS[key]) parts.push(FIELDS[key]());
	}
	if (!parts.length) return '';
	return 'file' in c || 'url' in c
		? parts.join(', ')
		: m.rollout_changed_fields({ fields: parts.join(', ') });
}

const SOURCES: Record<string, () => string> = {
	usage: m.rollout_source_usage,
	import: m.rollout_source_import,
	seed: m.rollout_source_seed
};

/** Where a platform status came from, when not typed by a person (measured use, a file, demo data). */
export function statusSourceLabel(source: string): string {
	return SOURCES[source]?.() ?? '';
}

/** The row's text in the reader's language: `pick(row, 'name')` reads name_vi or name_en. */
export function pick<K extends string>(
	row: Record<`${K}_vi` | `${K}_en`, string | null>,
	key: K
): string {
	const en = row[`${key}_en`];
	return (getLocale() === 'en' && en ? en : row[`${key}_vi`]) ?? '';
}

type Params = Record<string, unknown>;

/** Texts of the rollout's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const ROLLOUT_ERRORS: Record<string, (p: Params) => string> = {
	rollout_v_url: () => m.rollout_v_url(),
	rollout_v_code: () => m.rollout_v_code(),
	rollout_v_reason_required: () => m.rollout_v_reason_required(),
	rollout_v_target_before_start: () => m.rollout_v_target_before_start(),
	rollout_v_one_due: () => m.rollout_v_one_due(),
	rollout_note_required_backwards: () => m.rollout_err_note_required_backwards(),
	rollout_platform_retired: () => m.rollout_err_platform_retired(),
	rollout_staff_not_in_school: () => m.rollout_err_staff_not_in_school(),
	rollout_checklist_locked: () => m.rollout_err_checklist_locked(),
	rollout_not_under_review: () => m.rollout_err_not_under_review(),
	rollout_mandatory_not_applicable: () => m.rollout_err_mandatory_not_applicable(),
	rollout_score_above_max: (p) => m.rollout_err_score_above_max({ max: String(p.max) }),
	rollout_submit_problems: (p) => m.rollout_err_submit_problems({ codes: String(p.codes) }),
	rollout_review_item_returned: () => m.rollout_err_review_item_returned(),
	rollout_review_nothing_returned: () => m.rollout_err_review_nothing_returned(),
	rollout_review_reason_missing: () => m.rollout_err_review_reason_missing(),
	rollout_reason_required: () => m.rollout_err_reason_required(),
	rollout_approve_mandatory_unmet: (p) =>
		m.rollout_err_approve_mandatory_unmet({ codes: String(p.codes) }),
	rollout_template_already_verified: () => m.rollout_err_template_already_verified(),
	rollout_reason_required_measured: () => m.rollout_err_reason_required_measured(),
	rollout_action_not_allowed: () => m.rollout_err_action_not_allowed(),
	rollout_upload_too_large: (p) => m.rollout_err_upload_too_large({ max: String(p.max) }),
	rollout_upload_empty: () => m.rollout_err_upload_empty(),
	rollout_upload_type_not_allowed: () => m.rollout_err_upload_type_not_allowed(),
	rollout_upload_content_mismatch: () => m.rollout_err_upload_content_mismatch(),
	rollout_upload_missing: () => m.rollout_err_upload_missing(),
	rollout_template_not_draft: () => m.rollout_err_template_not_draft(),
	rollout_template_wrong_status: () => m.rollout_err_template_wrong_status(),
	rollout_template_empty: () => m.rollout_err_template_empty(),
	rollout_template_not_published: () => m.rollout_err_template_not_published(),
	rollout_wave_ordinal_taken: () => m.rollout_err_wave_ordinal_taken(),
	rollout_mentor_not_allowed: () => m.rollout_err_mentor_not_allowed()
};
