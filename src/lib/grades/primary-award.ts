/**
 * The "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện" award of primary (Circular 27,
 * Art. 13; primary-assessment.md §5): a pupil whose year result is Hoàn thành tốt, with an
 * outstanding result in at least one subject or clear progress in at least one quality or
 * competence, recognised by the class; the homeroom teacher nominates with a reason, the principal
 * decides. A pupil at Hoàn thành xuất sắc gets "Học sinh Xuất sắc" instead. Pure functions.
 */
import { primaryAward, QUALITY_ITEMS, type PrimaryResult, type QualityItem } from './primary';

export type AwardArea =
	{ kind: 'subject'; subjectId: number } | { kind: 'quality'; item: QualityItem };
export type NominationStatus = 'nominated' | 'confirmed' | 'refused';

/** 'subject:12' or 'quality:cham_chi' (the form's value), or null when it is neither. */
export function parseAwardArea(value: string): AwardArea | null {
	const subject = /^subject:([1-9][0-9]{0,8})$/.exec(value);
	if (subject) return { kind: 'subject', subjectId: Number(subject[1]) };
	const quality = /^quality:([a-z_]{1,40})$/.exec(value);
	if (quality && (QUALITY_ITEMS as readonly string[]).includes(quality[1]))
		return { kind: 'quality', item: quality[1] as QualityItem };
	return null;
}

export function areaValue(area: AwardArea): string {
	return area.kind === 'subject' ? `subject:${area.subjectId}` : `quality:${area.item}`;
}

/** Why the pupil cannot be nominated, or null: only a year result of Hoàn thành tốt qualifies. */
export function nominationProblem(
	result: PrimaryResult | null
): 'primary_award_no_result' | 'primary_award_not_eligible' | null {
	if (result === null) return 'primary_award_no_result';
	return result === 'tot' ? null : 'primary_award_not_eligible';
}

/**
 * The award the pupil holds: Xuất sắc from the result alone; Tiêu biểu only while the principal's
 * confirmation stands and the year result is still Hoàn thành tốt (a later change of the result
 * drops it without touching the stored decision).
 */
export function heldAward(
	result: PrimaryResult | null,
	status: NominationStatus | null
): 'xuat_sac' | 'tieu_bieu' | null {
	if (result === null) return null;
	return primaryAward(result, status === 'confirmed');
}
