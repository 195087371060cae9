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
});
