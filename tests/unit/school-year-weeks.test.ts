import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { withRuleErrors } from '../../src/lib/server/year/school-year-form';
import { schoolYearEditSchema, schoolYearSchema } from '../../src/lib/schemas/year-admin';
import {
	calendarWeeks,
	schoolYearProblems,
	teachingWeeksProblems
} from '../../src/lib/year/school-year-rules';

/**
 * Issue 11, session 13: each semester's teaching weeks (MOET: 18 + 17 by default) are part of the
 * school-year form, whole numbers from 1 to 30 and no more than the calendar weeks of the semester;
 * and every problem of the form is reported at once, one per field.
 */
const year = {
	name: '2027-2028',
	startsOn: '2027-09-01',
	endsOn: '2028-05-31',
	s1Start: '2027-09-05',
	s1End: '2028-01-15',
	s2Start: '2028-01-17',
	s2End: '2028-05-25',
	s1Weeks: 18,
	s2Weeks: 17
};
const fieldsOf = (change: Partial<typeof year>) =>
	teachingWeeksProblems({ ...year, ...change }).map((p) => [p.field, p.code, p.params]);

describe('the teaching weeks of a semester', () => {
	it('counts the calendar weeks a range spans, rounding up', () => {
		expect(calendarWeeks('2027-09-06', '2027-09-12')).toBe(1);
		expect(calendarWeeks('2027-09-06', '2027-09-13')).toBe(2);
		expect(calendarWeeks('2027-09-05', '2028-01-15')).toBe(19);
		expect(calendarWeeks('2027-09-05', '2027-09-04')).toBe(0);
		expect(calendarWeeks('', '')).toBe(0);
	});

	it('accepts the framework’s 18 + 17 and any whole number the semester holds', () => {
		expect(fieldsOf({})).toEqual([]);
		expect(fieldsOf({ s1Weeks: 16, s2Weeks: 16 })).toEqual([]);
		expect(fieldsOf({ s1Weeks: 19, s2Weeks: 1 })).toEqual([]);
	});

	it('refuses 0, more than 30, a fraction and more weeks than the semester spans', () => {
		const range = ['year_admin_weeks_range', { max: 30 }];
		expect(fieldsOf({ s1Weeks: 0 })).toEqual([['s1Weeks', ...range]]);
		expect(fieldsOf({ s2Weeks: 31 })).toEqual([['s2Weeks', ...range]]);
		expect(fieldsOf({ s1Weeks: 17.5 })).toEqual([['s1Weeks', ...range]]);
		expect(fieldsOf({ s1Weeks: Number.NaN })).toEqual([['s1Weeks', ...range]]);
		expect(fieldsOf({ s1Weeks: 20 })).toEqual([
			['s1Weeks', 'year_admin_weeks_too_many', { weeks: 19 }]
		]);
		// semester II of 17/01–25/05/2028 spans 19 weeks
		expect(fieldsOf({ s2Weeks: 20, s2End: '2028-05-25' })).toEqual([
			['s2Weeks', 'year_admin_weeks_too_many', { weeks: 19 }]
		]);
	});

	it('leaves a reversed semester to the order rule', () => {
		expect(fieldsOf({ s1End: '2027-09-01', s1Weeks: 18 })).toEqual([]);
	});
});

describe('every problem of a school year at once', () => {
	it('names each refused field once, dates and weeks together', () => {
		const problems = schoolYearProblems(
			{ ...year, name: '2027-2029', s2Start: '2028-01-10', s2Weeks: 0 },
			[]
		);
		expect(problems.map((p) => [p.field, p.code])).toEqual([
			['name', 'year_admin_name_consecutive'],
			['s2Start', 'year_admin_semesters_overlap'],
			['s2Weeks', 'year_admin_weeks_range']
		]);
	});
});

describe('the school-year form', () => {
	const posted = Object.fromEntries(Object.entries(year).map(([k, v]) => [k, String(v)])) as Record<
		string,
		string
	>;

	it('defaults to 18 and 17 teaching weeks when they are not sent', () => {
		const { s1Weeks: _a, s2Weeks: _b, ...dates } = posted;
		expect(schoolYearSchema.parse(dates)).toMatchObject({ s1Weeks: 18, s2Weeks: 17 });
	});

	it('reads whole numbers and refuses fractions, huge numbers and text', () => {
		expect(schoolYearSchema.parse({ ...posted, s1Weeks: '16' }).s1Weeks).toBe(16);
		for (const bad of ['16.5', '1e400', '99999999999999999999', 'abc', '31', '0', '-1'])
			expect(schoolYearSchema.safeParse({ ...posted, s1Weeks: bad }).success, bad).toBe(false);
		expect(
			schoolYearEditSchema.safeParse({ ...posted, yearId: '1', version: '1', s2Weeks: '1\u0000' })
				.success
		).toBe(false);
	});
});

describe('a school-year form zod refused', () => {
	const post = (values: Record<string, string>) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(values)) body.set(k, v);
		return body;
	};
	const posted = Object.fromEntries(Object.entries(year).map(([k, v]) => [k, String(v)])) as Record<
		string,
		string
	>;

	it('also names the date rules broken by the fields zod let through', async () => {
		const form = await superValidate(
			post({ ...posted, name: '2027-2029', s2Start: '2028-01-10', s1Weeks: '0' }),
			zod4(schoolYearSchema),
			{ id: 'school-year' }
		);
		expect(form.valid).toBe(false);
		const errors = withRuleErrors(form).errors as Record<string, string[]>;
		expect(Object.keys(errors).sort()).toEqual(['name', 's1Weeks', 's2Start']);
		expect(form.data).toMatchObject({ name: '2027-2029', s2Start: '2028-01-10' });
	});

	it('adds nothing while a date is missing, and leaves the name rules to the service on an edit', async () => {
		const missing = await superValidate(
			post({ ...posted, name: '2027-2029', s1End: '' }),
			zod4(schoolYearSchema),
			{ id: 'school-year' }
		);
		expect(Object.keys(withRuleErrors(missing).errors)).toEqual(['s1End']);
		const edit = await superValidate(
			post({ ...posted, yearId: '3', version: 'x', endsOn: '2029-05-31', s2End: '2028-01-16' }),
			zod4(schoolYearEditSchema),
			{ id: 'school-year-edit' }
		);
		expect(Object.keys(withRuleErrors(edit).errors).sort()).toEqual(['s2End', 'version']);
	});
});
