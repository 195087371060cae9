import { setError, type SuperValidated } from 'sveltekit-superforms';
import { errorText } from '$lib/i18n/errors';
import type { SchoolYearEdit, SchoolYearInput } from '$lib/schemas/year-admin';
import { schoolYearProblems, type YearProblem } from '$lib/year/school-year-rules';

const DATES = ['startsOn', 'endsOn', 's1Start', 's1End', 's2Start', 's2End'] as const;
/** Rules that need the stored name of the year edited: left to the service on that form. */
const BY_NAME = new Set(['name', 'startsOn', 'endsOn']);

/**
 * A school-year form that zod refused (a field empty or out of range) also gets the date rules of
 * the fields zod let through, so every error shows at once beside its field; the rules need every
 * date, and the other school years (overlaps) are the service's, checked once the form parses.
 */
export function withRuleErrors<
	T extends SuperValidated<SchoolYearInput> | SuperValidated<SchoolYearEdit>
>(form: T): T {
	const errors = form.errors as Record<string, unknown>;
	if (DATES.some((f) => errors[f])) return form;
	const named = 'name' in form.data;
	const name = named ? (form.data as SchoolYearInput).name : '';
	const problems = schoolYearProblems({ ...form.data, name }, []).filter(
		(p: YearProblem) => !errors[p.field] && (named || !BY_NAME.has(p.field))
	);
	const target = form as SuperValidated<Record<string, unknown>>;
	for (const p of problems) setError(target, p.field, errorText(p.code, p.params));
	return form;
}
