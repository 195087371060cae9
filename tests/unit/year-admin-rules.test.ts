import { describe, expect, it } from 'vitest';
import { pupilTargetProblem, rolloverMove, targetsNeeded } from '../../src/lib/grades/rollover';
import { readPupilTargets } from '../../src/lib/schemas/rollover';
import { schoolYearProblems, yearsOfName } from '../../src/lib/year/school-year-rules';

/**
 * Session 12 of issue 11: the school year's dates, the principal's decision at Chưa hoàn thành
 * (Circular 27, Art. 11) in the rollover, and the per-pupil rollover targets. Pure rules.
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
const current = { id: 1, name: '2026-2027', startsOn: '2026-09-05', endsOn: '2027-05-31' };
const problemsOf = (change: Partial<typeof year>) =>
	schoolYearProblems({ ...year, ...change }, [current]).map((p) => [p.field, p.code]);

describe('a school year', () => {
	it('is named by two consecutive calendar years', () => {
		expect(yearsOfName('2027-2028')).toEqual([2027, 2028]);
		expect(yearsOfName('2027-2029')).toBe('year_admin_name_consecutive');
		expect(yearsOfName('2028-2027')).toBe('year_admin_name_consecutive');
		expect(yearsOfName('27-28')).toBe('year_admin_name_format');
		expect(yearsOfName('2027–2028')).toBe('year_admin_name_format');
		expect(yearsOfName('2027-2028\u0000')).toBe('year_admin_name_format');
	});

	it('accepts a year with its semesters in order inside it', () => {
		expect(schoolYearProblems(year, [current])).toEqual([]);
	});

	it('starts in the first year of its name and ends in the second', () => {
		expect(problemsOf({ startsOn: '2028-09-01', endsOn: '2029-05-31' })).toContainEqual([
			'startsOn',
			'year_admin_start_year'
		]);
		expect(problemsOf({ endsOn: '2027-12-31' })).toContainEqual(['endsOn', 'year_admin_end_year']);
	});

	it('keeps both semesters inside the year, in order, without overlap', () => {
		expect(problemsOf({ s1Start: '2027-08-31' })).toEqual([
			['s1Start', 'year_admin_semester_outside']
		]);
		expect(problemsOf({ s1End: '2027-09-04' })).toEqual([['s1End', 'year_admin_semester_order']]);
		expect(problemsOf({ s2Start: '2028-01-15' })).toEqual([
			['s2Start', 'year_admin_semesters_overlap']
		]);
		expect(problemsOf({ s2End: '2028-06-01' })).toEqual([['s2End', 'year_admin_semester_outside']]);
		// the same day for the end of semester I and the start of II overlaps; the day after does not
		expect(problemsOf({ s2Start: '2028-01-16' })).toEqual([]);
	});

	it('never overlaps another school year, even by a day', () => {
		expect(problemsOf({ startsOn: '2027-05-31', s1Start: '2027-09-05' })).toEqual([
			['startsOn', 'year_admin_overlaps']
		]);
		expect(problemsOf({ startsOn: '2027-06-01' })).toEqual([]);
	});
});

describe("the principal's decision at Chưa hoàn thành in the rollover", () => {
	const grades = [1, 2, 3, 4, 5];
	it('leaves an undecided pupil pending and moves a decided one as decided', () => {
		const record = (principalDecision: 'promote' | 'repeat' | null) => ({
			kind: 'primary' as const,
			result: 'chua_hoan_thanh' as const,
			principalDecision
		});
		expect(rolloverMove(record(null), 3, grades)).toEqual({
			move: 'undecided',
			reason: 'principal_decides'
		});
		expect(rolloverMove(record('repeat'), 3, grades)).toEqual({ move: 'repeat', reason: null });
		expect(rolloverMove(record('promote'), 3, grades)).toEqual({ move: 'promote', reason: null });
		// lên lớp from grade 5 of a primary school: out of the school
		expect(rolloverMove(record('promote'), 5, grades)).toEqual({ move: 'graduate', reason: null });
	});

	it('ignores a decision once the result is no longer Chưa hoàn thành', () => {
		expect(
			rolloverMove(
				{ kind: 'primary', result: 'hoan_thanh', principalDecision: 'repeat' },
				3,
				grades
			)
		).toEqual({ move: 'promote', reason: null });
	});
});

describe('a class of their own for one pupil', () => {
	const promoted = { id: 1, move: 'promote' as const, alreadyMoved: false };
	const repeater = { id: 2, move: 'repeat' as const, alreadyMoved: false };
	it('is a class of the next grade when promoted, of the same grade when repeating', () => {
		expect(pupilTargetProblem(promoted, { grade: 9 }, 8)).toBeNull();
		expect(pupilTargetProblem(promoted, { grade: 8 }, 8)).toBe('rollover_pupil_target_grade');
		expect(pupilTargetProblem(repeater, { grade: 8 }, 8)).toBeNull();
		expect(pupilTargetProblem(repeater, { grade: 9 }, 8)).toBe('rollover_pupil_target_grade');
		expect(pupilTargetProblem(promoted, null, 8)).toBe('rollover_pupil_target_wrong');
	});

	it('is refused for a pupil the commit does not move', () => {
		for (const p of [
			{ id: 3, move: 'undecided' as const, alreadyMoved: false },
			{ id: 4, move: 'graduate' as const, alreadyMoved: false },
			{ ...promoted, alreadyMoved: true }
		])
			expect(pupilTargetProblem(p, { grade: 9 }, 8)).toBe('rollover_pupil_not_moving');
	});

	it('makes the side target unnecessary once every pupil of that side has one', () => {
		expect(targetsNeeded([promoted, repeater], new Set([2]))).toEqual({
			promote: true,
			repeat: false
		});
		expect(targetsNeeded([promoted, repeater])).toEqual({ promote: true, repeat: true });
	});

	it('is read from t_<pupil> fields; anything malformed is refused as a whole', () => {
		expect(
			readPupilTargets([
				['t_5', '17'],
				['t_6', ''],
				['promoteTo', 'x']
			])
		).toEqual(new Map([[5, 17]]));
		for (const bad of [
			[['t_5', '17\u0000']],
			[['t_5', '99999999999999999999']],
			[['t_5', '2147483648']],
			[['t_0', '1']],
			[['t_x', '1']],
			[['t_5', '-1']],
			[['t_5', '1e3']],
			[['t_5', 'x'.repeat(100_000)]],
			Array.from({ length: 201 }, (_, i) => [`t_${i + 1}`, '1'])
		] as Array<Array<[string, string]>>)
			expect(readPupilTargets(bad)).toBeNull();
	});
});
