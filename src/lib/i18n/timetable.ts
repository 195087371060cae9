import * as m from '$lib/paraglide/messages';
import type { PrecheckProblem } from '$lib/server/timetable/precheck';

type Params = Record<string, unknown>;

/** Texts of the timetable module's error codes; registered in `$lib/i18n/errors`. */
export const TIMETABLE_ERRORS: Record<string, (p: Params) => string> = {
	timetable_nothing_to_solve: () => m.timetable_e_nothing_to_solve(),
	timetable_no_semester: () => m.timetable_e_no_semester(),
	timetable_already_generating: () => m.timetable_e_already_generating(),
	timetable_not_generating: () => m.timetable_e_not_generating(),
	timetable_not_draft: () => m.timetable_e_not_draft(),
	timetable_incomplete: (p) => m.timetable_e_incomplete({ periods: String(p.periods) })
};

/** A problem of the check before solving, in words. */
export function problemText(p: PrecheckProblem): string {
	const params = {
		className: p.className ?? '?',
		teacherName: p.teacherName ?? '?',
		subjectName: p.subjectName ?? '?',
		needed: String(p.needed ?? ''),
		available: String(p.available ?? '')
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
		lessonNeedsMoreDays: m.timetable_problem_lessonNeedsMoreDays
	};
	return texts[p.code](params);
}
