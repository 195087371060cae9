import * as m from '$lib/paraglide/messages';
import { isCheckpoint, type Checkpoint, type EntryState } from '$lib/grades/checkpoints';
import type { Level } from '$lib/grades/secondary';

type Params = Record<string, unknown>;

/** Texts of the grades module's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const GRADES_ERRORS: Record<string, (p: Params) => string> = {
	grades_v_not_a_number: () => m.grades_v_not_a_number(),
	grades_v_out_of_range: () => m.grades_v_out_of_range(),
	grades_v_too_many_decimals: () => m.grades_v_too_many_decimals(),
	grades_v_not_an_integer: () => m.grades_v_not_an_integer(),
	grades_v_not_in_plan: () => m.grades_v_not_in_plan(),
	grades_v_comment: () => m.grades_v_comment(),
	grades_v_score_only: () => m.grades_v_score_only(),
	grades_v_comment_control: () => m.grades_v_comment_control(),
	grades_v_comment_long: (p) => m.grades_v_comment_long({ max: String(p.max ?? 500) }),
	grades_pupil_not_in_class: () => m.grades_pupil_not_in_class(),
	grades_locked: (p) => m.grades_locked({ checkpoint: checkpointLabel(p.checkpoint) }),
	grades_not_open: (p) =>
		m.grades_not_open({ checkpoint: checkpointLabel(p.checkpoint), date: String(p.date ?? '') }),
	grades_no_current_year: () => m.grades_no_current_year(),
	grades_closes_before_opens: () => m.grades_closes_before_opens(),
	grades_locks_before_closes: () => m.grades_locks_before_closes(),
	grades_locks_before_opens: () => m.grades_locks_before_opens(),
	grades_class_not_here: () => m.grades_class_not_here(),
	grades_already_published: () => m.grades_already_published(),
	grades_correction_not_locked: () => m.grades_correction_not_locked(),
	grades_correction_same: () => m.grades_correction_same(),
	grades_correction_pending: () => m.grades_correction_pending(),
	grades_correction_stale: () => m.grades_correction_stale(),
	grades_refusal_needs_note: () => m.grades_refusal_needs_note(),
	attendance_future_day: () => m.attendance_future_day(),
	attendance_outside_year: () => m.attendance_outside_year(),
	grades_conduct_locked: () => m.grades_conduct_locked(),
	grades_not_in_training: () => m.grades_not_in_training(),
	grades_not_due_for_retest: () => m.grades_not_due_for_retest()
};

const CHECKPOINT_LABELS: Record<Checkpoint, () => string> = {
	mid1: m.grades_cp_mid1,
	end1: m.grades_cp_end1,
	mid2: m.grades_cp_mid2,
	year: m.grades_cp_year
};

/** "Giữa học kì I", ... ; anything else is shown as given. */
export function checkpointLabel(checkpoint: unknown): string {
	return isCheckpoint(checkpoint) ? CHECKPOINT_LABELS[checkpoint]() : String(checkpoint ?? '');
}

export function entryStateLabel(state: EntryState): string {
	return {
		open: m.grades_state_open,
		not_open: m.grades_state_not_open,
		late: m.grades_state_late,
		locked: m.grades_state_locked
	}[state]();
}

export function correctionStatusLabel(status: 'pending' | 'approved' | 'refused'): string {
	return {
		pending: m.grades_status_pending,
		approved: m.grades_status_approved,
		refused: m.grades_status_refused
	}[status]();
}

export function levelLabel(level: Level): string {
	return {
		tot: m.grades_level_tot,
		kha: m.grades_level_kha,
		dat: m.grades_level_dat,
		chua_dat: m.grades_level_chua_dat
	}[level]();
}

export type YearDecision =
	| 'promoted'
	| 'summer_retest'
	| 'summer_conduct_training'
	| 'summer_conduct_training_and_retest'
	| 'repeat';

/** "Lên lớp", "Kiểm tra lại trong hè", ... (Circular 22, Arts. 12-14). */
export function decisionLabel(decision: YearDecision): string {
	return {
		promoted: m.homeroom_decision_promoted,
		summer_retest: m.homeroom_decision_summer_retest,
		summer_conduct_training: m.homeroom_decision_summer_conduct_training,
		summer_conduct_training_and_retest: m.homeroom_decision_summer_conduct_training_and_retest,
		repeat: m.homeroom_decision_repeat
	}[decision]();
}

/** "Học sinh Xuất sắc" / "Học sinh Giỏi" (Circular 22, Art. 15). */
export function awardLabel(award: 'xuat_sac' | 'gioi'): string {
	return { xuat_sac: m.homeroom_award_xuat_sac, gioi: m.homeroom_award_gioi }[award]();
}
