import { describe, expect, it } from 'vitest';
import { schoolGrid } from '../../src/lib/timetable/school-grid';

describe('the whole-school grid', () => {
	it('puts each class in a column (natural order) and each slot in a row', () => {
		const cell = (classId: number, className: string, day: number, period: number) => ({
			day,
			period,
			kind: 'lesson' as const,
			classId,
			className,
			subjectName: 'Toán',
			teacherName: 'Cô Lan'
		});
		const grid = schoolGrid(
			[cell(2, '10A10', 0, 0), cell(1, '10A2', 1, 1), cell(1, '10A2', 9, 9)],
			2,
			2,
			(c) => c.subjectName
		);
		expect(grid.classes.map((c) => c.name)).toEqual(['10A2', '10A10']);
		expect(grid.rows).toHaveLength(4);
		expect(grid.rows[0].entries).toEqual([null, 'Toán (Cô Lan)']);
		expect(grid.rows[3]).toEqual({ day: 1, period: 1, entries: ['Toán (Cô Lan)', null] });
	});

	it('carries the clock times it is given (one per period) and none without them', () => {
		const cell = {
			day: 0,
			period: 1,
			kind: 'lesson' as const,
			classId: 1,
			className: '6A',
			subjectName: 'Toán',
			teacherName: 'Cô Lan'
		};
		const subject = (c: { subjectName: string }) => c.subjectName;
		expect(schoolGrid([cell], 1, 2, subject).times).toBeNull();
		const times = ['07:00–07:45', '07:50–08:35', '08:55–09:40'];
		const grid = schoolGrid([cell], 1, 2, subject, times);
		expect(grid.times).toEqual(times.slice(0, 2));
		expect(grid.rows[1].entries).toEqual(['Toán (Cô Lan)']);
	});
});
