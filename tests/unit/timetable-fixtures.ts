// Handmade schools for the timetable tests.
import type { Instance, Slot, Solution } from '../../src/lib/timetable/format';

type RawConstraint = { type: string; hard?: boolean; weight?: number } & Record<string, unknown>;
const rule = ({ type, hard = true, weight = 100, ...rest }: RawConstraint) => ({
	type,
	hard,
	weight,
	...rest
});

/** every rule of the samples, as the samples set them */
export const SAMPLE_RULES = [
	rule({ type: 'noClassClash' }),
	rule({ type: 'noTeacherClash' }),
	rule({ type: 'teacherUnavailable' }),
	rule({ type: 'fixedSlots' }),
	rule({ type: 'teacherMaxDaysPerWeek' }),
	rule({ type: 'lessonMaxPerDay' }),
	rule({ type: 'consecutiveIfSameDay' }),
	rule({ type: 'classMaxGapsPerWeek', maxGaps: 0 }),
	rule({ type: 'lessonMinDaysBetween', minDays: 1, hard: false, weight: 95 }),
	rule({ type: 'teacherMaxGapsPerWeek', maxGaps: 0, hard: false, weight: 90 })
];

const days = (n: number) =>
	['T2', 'T3', 'T4', 'T5', 'T6', 'T7'].slice(0, n).map((id) => ({ id, name: id }));

type LessonRow = [
	id: string,
	cls: string,
	subject: string,
	teacher: string,
	ppw: number,
	maxPerDay: number,
	fixed?: Slot[]
];

function lessons(rows: LessonRow[]) {
	return rows.map(([id, cls, subject, teacher, periodsPerWeek, maxPerDay, fixedSlots = []]) => ({
		id,
		class: cls,
		subject,
		teacher,
		periodsPerWeek,
		maxPerDay,
		fixedSlots
	}));
}

/** two days of three periods, two classes, three teachers: one period of each rule to break */
export function tinySchool(): Instance {
	return {
		schema: 'vn-school-timetable/1',
		name: 'tiny',
		days: days(2),
		periodsPerDay: 3,
		subjects: ['TOAN', 'VAN', 'CHAOCO'].map((id) => ({ id, name: id })),
		classes: [{ id: 'X' }, { id: 'Y' }],
		teachers: [
			{ id: 'a', name: 'A', unavailable: [], maxDaysPerWeek: 2 },
			{ id: 'b', name: 'B', unavailable: [[1, 2]] },
			{ id: 'c', name: 'C', unavailable: [] }
		],
		lessons: lessons([
			['LX1', 'X', 'TOAN', 'a', 2, 2],
			['LX2', 'X', 'VAN', 'b', 1, 1],
			['LX3', 'X', 'CHAOCO', 'c', 1, 1, [[0, 0]]],
			['LY1', 'Y', 'TOAN', 'a', 2, 1],
			['LY2', 'Y', 'VAN', 'b', 2, 2]
		]),
		constraints: SAMPLE_RULES
	};
}

export const TINY_CLEAN: Record<string, Slot[]> = {
	LX1: [
		[0, 1],
		[1, 0]
	],
	LX2: [[0, 2]],
	LX3: [[0, 0]],
	LY1: [
		[0, 0],
		[1, 1]
	],
	LY2: [
		[0, 1],
		[1, 0]
	]
};

export function solutionOf(assignments: Record<string, Slot[]>, name = 'tiny'): Solution {
	return {
		instance: name,
		assignments: Object.entries(assignments).map(([lesson, slots]) => ({ lesson, slots }))
	};
}

/**
 * Three classes of 19 periods in 5 days x 4 periods, seven teachers, a fixed flag ceremony per
 * class taught by its homeroom teacher, one teacher away on Friday, one teaching on 3 days at most.
 */
export function smallSchool(): Instance {
	const rows: LessonRow[] = [];
	const homeroom: Record<string, string> = { A: 'anh', B: 'ly', C: 'su' };
	for (const c of ['A', 'B', 'C']) {
		rows.push(
			[`${c}-TOAN`, c, 'TOAN', 'toan', 4, 2],
			[`${c}-VAN`, c, 'VAN', 'van', 4, 2],
			[`${c}-ANH`, c, 'ANH', 'anh', 3, 2],
			[`${c}-LY`, c, 'LY', 'ly', 2, 1],
			[`${c}-SU`, c, 'SU', 'su', 2, 1],
			[`${c}-TD`, c, 'TD', 'td', 2, 2],
			[`${c}-TIN`, c, 'TIN', 'tin', 1, 1],
			[`${c}-CC`, c, 'CHAOCO', homeroom[c], 1, 1, [[0, 0]]]
		);
	}
	const teacher = (id: string, extra: Record<string, unknown> = {}) => ({
		id,
		name: id.toUpperCase(),
		unavailable: [] as Slot[],
		...extra
	});
	return {
		schema: 'vn-school-timetable/1',
		name: 'small',
		days: days(5),
		periodsPerDay: 4,
		subjects: ['TOAN', 'VAN', 'ANH', 'LY', 'SU', 'TD', 'TIN', 'CHAOCO'].map((id) => ({
			id,
			name: id
		})),
		classes: ['A', 'B', 'C'].map((id) => ({ id })),
		teachers: [
			teacher('toan'),
			teacher('van'),
			teacher('anh'),
			teacher('ly'),
			teacher('su'),
			teacher('td', {
				unavailable: [
					[4, 0],
					[4, 1],
					[4, 2],
					[4, 3]
				]
			}),
			teacher('tin', { maxDaysPerWeek: 3 })
		],
		lessons: lessons(rows),
		constraints: SAMPLE_RULES
	};
}
