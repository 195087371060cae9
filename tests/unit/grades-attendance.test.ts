import { describe, expect, it } from 'vitest';
import { newAbsences, rollDayProblem, type Absence } from '../../src/lib/grades/attendance';
import { parseRollForm, rollQuery } from '../../src/lib/schemas/attendance';

const map = (entries: Array<[number, Absence]>) => new Map(entries);

describe('attendance per session', () => {
	it('notifies the pupils who became absent or whose absence changed kind, never the others', () => {
		expect(newAbsences(map([]), map([]))).toEqual([]);
		expect(
			newAbsences(
				map([
					[1, 'excused'],
					[2, 'unexcused']
				]),
				map([
					[3, 'unexcused'],
					[1, 'excused'],
					[2, 'excused']
				])
			)
		).toEqual([
			{ studentId: 2, status: 'excused' },
			{ studentId: 3, status: 'unexcused' }
		]);
		// back to present: nothing to tell
		expect(newAbsences(map([[1, 'excused']]), map([]))).toEqual([]);
	});

	it('takes a roll for today or a past day of the school year only', () => {
		const year = { startsOn: '2026-09-05', endsOn: '2027-05-31' };
		expect(rollDayProblem('2026-12-05', '2026-12-05', year)).toBeNull();
		expect(rollDayProblem('2026-12-06', '2026-12-05', year)).toBe('attendance_future_day');
		expect(rollDayProblem('2026-09-04', '2026-12-05', year)).toBe('attendance_outside_year');
	});

	it('reads the roll form: present is the default, anything else is refused', () => {
		const base = { day: '2026-12-05', session: 'morning', version: '0' };
		const form = parseRollForm({ ...base, p_12: 'present', p_13: 'excused', p_14: 'unexcused' });
		expect(form?.absences).toEqual(
			map([
				[13, 'excused'],
				[14, 'unexcused']
			])
		);
		expect(parseRollForm(base)?.absences.size).toBe(0);
		for (const bad of [
			{ ...base, session: 'night' },
			{ ...base, day: '31/02/2026' },
			{ ...base, version: '-1' },
			{ ...base, p_12: 'late' },
			{ ...base, p_0: 'excused' },
			{ ...base, p_99999999999: 'excused' },
			{ ...base, other: 'x' },
			{ ...base, p_12: 'excused\u0000' },
			{ ...base, day: 'a'.repeat(100_000) }
		])
			expect(parseRollForm(bad)).toBeNull();
	});

	it('falls back to today’s morning for a bad query', () => {
		const url = new URL('http://x/teacher/attendance/1?day=2026-13-01&session=%00');
		expect(rollQuery(url, '2026-12-05')).toEqual({ day: '2026-12-05', session: 'morning' });
		const ok = new URL('http://x/teacher/attendance/1?day=04/12/2026&session=afternoon');
		expect(rollQuery(ok, '2026-12-05')).toEqual({ day: '2026-12-04', session: 'afternoon' });
	});
});
