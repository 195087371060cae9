import * as m from '$lib/paraglide/messages';
import type { PrecheckProblem } from '$lib/server/timetable/precheck';
import type { Rule, Violation } from '$lib/timetable/edit';
import type { CoverMark } from '$lib/timetable/cover';
import { formatDate } from '$lib/dates';
import type { RoomType } from '$lib/timetable/rooms';
import { roomTypeName } from './timetable-rooms';

type Params = Record<string, unknown>;

/** Texts of the timetable module's error codes; registered in `$lib/i18n/errors`. */
export const TIMETABLE_ERRORS: Record<string, (p: Params) => string> = {
	timetable_nothing_to_solve: () => m.timetable_e_nothing_to_solve(),
	timetable_no_semester: () => m.timetable_e_no_semester(),
	timetable_already_generating: () => m.timetable_e_already_generating(),
	timetable_not_generating: () => m.timetable_e_not_generating(),
	timetable_not_draft: () => m.timetable_e_not_draft(),
	timetable_incomplete: (p) => m.timetable_e_incomplete({ periods: String(p.periods) }),
	timetable_edit_refused: (p) => m.timetable_e_edit_refused({ rule: ruleName(String(p.rule)) }),
	timetable_edit_not_draft: () => m.timetable_e_edit_not_draft(),
	timetable_edit_locked: () => m.timetable_e_edit_locked(),
	timetable_edit_no_period: () => m.timetable_e_edit_no_period(),
	timetable_edit_same_slot: () => m.timetable_e_edit_same_slot(),
	timetable_edit_out_of_range: () => m.timetable_e_edit_out_of_range(),
	timetable_edit_unknown_class: () => m.timetable_e_edit_unknown_class(),
	timetable_not_copyable: () => m.timetable_e_not_copyable(),
	timetable_absence_order: () => m.timetable_e_absence_order(),
	timetable_absence_too_long: () => m.timetable_e_absence_too_long(),
	timetable_absence_far: () => m.timetable_e_absence_far(),
	timetable_cover_no_lesson: () => m.timetable_e_cover_no_lesson(),
	timetable_cover_taken: () => m.timetable_e_cover_taken(),
	timetable_cover_not_free: () => m.timetable_e_cover_not_free(),
	timetable_unavailable_out_of_week: () => m.timetable_e_unavailable_out_of_week(),
	timetable_cover_merge_class: () => m.timetable_e_cover_merge_class(),
	timetable_room_taken: () => m.timetable_e_room_taken(),
	timetable_fet_draft_changed: () => m.timetable_fet_e_draft_changed(),
	timetable_fet_draft_empty: () => m.timetable_fet_e_draft_empty(),
	timetable_fet_draft_rooms: () => m.timetable_fet_e_draft_rooms(),
	timetable_fet_too_many_rooms: (p) =>
		m.timetable_s13_fet_too_many_rooms({ count: String(p.count), max: String(p.max) }),
	timetable_v_bell_time: () => m.timetable_bells_v_time(),
	timetable_v_bell_range: () => m.timetable_bells_v_range(),
	timetable_v_bell_order: (p) => m.timetable_bells_v_order({ after: String(p.after ?? '') }),
	timetable_v_bell_count: (p) => m.timetable_bells_v_count({ count: String(p.count ?? '') })
};

/** A cover's note on a class or absent teacher's week: who teaches, self-study or merged. */
export function coverNote(c: Pick<CoverMark, 'day' | 'kind' | 'staffName' | 'mergedClassName'>) {
	const date = formatDate(c.day);
	if (c.kind === 'self_study') return m.timetable_cover_self_study_on({ date });
	if (c.kind === 'merged')
		return m.timetable_cover_merged_on({ date, className: c.mergedClassName ?? '' });
	return m.timetable_cover_changed({ date, name: c.staffName ?? '' });
}

/** What a recorded cover is, without the date (the cover page's lesson). */
export function coverWhat(c: {
	kind: string;
	staffName: string | null;
	mergedClassName: string | null;
}) {
	if (c.kind === 'self_study') return m.timetable_cover_self_study();
	if (c.kind === 'merged') return m.timetable_cover_merged({ className: c.mergedClassName ?? '' });
	return m.timetable_cover_by({ name: c.staffName ?? '' });
}

const RULE_NAMES: Record<Rule, () => string> = {
	noClassClash: m.timetable_rulename_noClassClash,
	noTeacherClash: m.timetable_rulename_noTeacherClash,
	teacherUnavailable: m.timetable_rulename_teacherUnavailable,
	fixedSlots: m.timetable_rulename_fixedSlots,
	lessonMaxPerDay: m.timetable_rulename_lessonMaxPerDay,
	consecutiveIfSameDay: m.timetable_rulename_consecutiveIfSameDay,
	classMaxGapsPerWeek: m.timetable_rulename_classMaxGapsPerWeek,
	teacherMaxDaysPerWeek: m.timetable_rulename_teacherMaxDaysPerWeek,
	teacherMaxGapsPerWeek: m.timetable_rulename_teacherMaxGapsPerWeek,
	lessonMinDaysBetween: m.timetable_rulename_lessonMinDaysBetween
};

/** A hard rule's name in words ('' for a name the engine does not have). */
export function ruleName(rule: string): string {
	return rule in RULE_NAMES ? RULE_NAMES[rule as Rule]() : rule.replace(/[^A-Za-z]/g, '');
}

/** "Thứ 3 tiết 2" (day 0 = Monday, period 0 = the first) */
export const slotText = (day: number, period: number) =>
	m.timetable_slot({ day: String(day + 2), period: String(period + 1) });

/** Names of the problem's ids (classes `C<id>`, teachers `T<id>`, lessons) for the texts. */
export interface ViolationNames {
	className: (id: string | undefined) => string;
	teacherName: (id: string | undefined) => string;
	/** the subject of a lesson */
	subjectName: (lessonId: string | undefined) => string;
	/** the class of a lesson */
	classOfLesson: (lessonId: string) => string;
}

/** One broken hard rule in words, with the class, teacher, subject and slot involved. */
export function violationText(v: Violation, names: ViolationNames): string {
	const params = {
		className: names.className(v.class),
		teacherName: names.teacherName(v.teacher),
		subjectName: names.subjectName(v.lesson),
		classes: (v.others ?? []).map(names.classOfLesson).join(', '),
		slot: v.day === undefined ? '' : slotText(v.day, v.period ?? 0),
		day: v.day === undefined ? '' : m.timetable_day({ day: String(v.day + 2) }),
		limit: String(v.limit ?? '')
	};
	const texts: Record<Rule, (x: typeof params) => string> = {
		noClassClash: m.timetable_rule_noClassClash,
		noTeacherClash: m.timetable_rule_noTeacherClash,
		teacherUnavailable: m.timetable_rule_teacherUnavailable,
		fixedSlots: m.timetable_rule_fixedSlots,
		lessonMaxPerDay: m.timetable_rule_lessonMaxPerDay,
		consecutiveIfSameDay: m.timetable_rule_consecutiveIfSameDay,
		classMaxGapsPerWeek: m.timetable_rule_classMaxGapsPerWeek,
		teacherMaxDaysPerWeek: m.timetable_rule_teacherMaxDaysPerWeek,
		teacherMaxGapsPerWeek: m.timetable_rule_teacherMaxGapsPerWeek,
		lessonMinDaysBetween: m.timetable_rule_lessonMinDaysBetween
	};
	return texts[v.rule](params);
}

/** A problem of the check before solving, in words. */
export function problemText(p: PrecheckProblem): string {
	const params = {
		className: p.className ?? '?',
		teacherName: p.teacherName ?? '?',
		subjectName: p.subjectName ?? '?',
		needed: String(p.needed ?? ''),
		available: String(p.available ?? ''),
		roomType: p.roomType ? roomTypeName(p.roomType as RoomType).toLocaleLowerCase() : '?'
	};
	const texts: Record<PrecheckProblem['code'], (x: typeof params) => string> = {
		noClasses: m.timetable_problem_noClasses,
		noTeacher: m.timetable_problem_noTeacher,
		noHomeroom: m.timetable_problem_noHomeroom,
		classOverloaded: m.timetable_problem_classOverloaded,
		lessonTooManyPerWeek: m.timetable_problem_lessonTooManyPerWeek,
		fixedClassClash: m.timetable_problem_fixedClassClash,
		fixedTeacherClash: m.timetable_problem_fixedTeacherClash,
		fixedTeacherUnavailable: m.timetable_problem_fixedTeacherUnavailable,
		fixedTooManyDays: m.timetable_problem_fixedTooManyDays,
		teacherOverloaded: m.timetable_problem_teacherOverloaded,
		lessonNeedsMoreDays: m.timetable_problem_lessonNeedsMoreDays,
		roomShort: m.timetable_fet_problem_roomShort,
		fixedRoomClash: m.timetable_fet_problem_fixedRoomClash
	};
	return texts[p.code](params);
}

/** A cell's subject: Chào cờ, Sinh hoạt lớp or the subject's name. */
export const cellSubject = (c: { kind: string; subjectName: string }) =>
	c.kind === 'flag'
		? m.timetable_flag()
		: c.kind === 'meeting'
			? m.timetable_meeting()
			: c.subjectName;
