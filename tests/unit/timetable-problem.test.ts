import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../src/lib/timetable/format';
import { solve } from '../../src/lib/timetable/solver';
import { precheck } from '../../src/lib/server/timetable/precheck';
import {
	buildProblem,
	lessonId,
	parseLessonId,
	weeklyPeriods,
	type RosterInput
} from '../../src/lib/server/timetable/problem';
import { problemText } from '../../src/lib/i18n/timetable';

/** Two classes of grade 6, four subjects (one of them HĐTN), one teacher per subject. */
function school(over: Partial<RosterInput> = {}): RosterInput {
	return {
		schoolName: 'THCS Thử',
		settings: { days: 6, sessions: 'morning', periodsPerSession: 5 },
		classes: [
			{ id: 1, name: '6A', grade: 6, homeroomStaffId: 10 },
			{ id: 2, name: '6B', grade: 6, homeroomStaffId: 11 }
		],
		subjects: [
			{ id: 100, code: 'TOAN', name: 'Toán', grade: 6, periodsPerYear: 140 },
			{ id: 101, code: 'NV', name: 'Ngữ văn', grade: 6, periodsPerYear: 140 },
			{ id: 102, code: 'LSDL', name: 'Lịch sử và Địa lí', grade: 6, periodsPerYear: 52 },
			{ id: 103, code: 'HDTN', name: 'Hoạt động trải nghiệm', grade: 6, periodsPerYear: 105 }
		],
		assignments: [1, 2].flatMap((classId) => [
			{ classId, subjectId: 100, staffId: 10 },
			{ classId, subjectId: 101, staffId: 11 },
			{ classId, subjectId: 102, staffId: 12 },
			{ classId, subjectId: 103, staffId: 13 }
		]),
		requirements: [],
		staff: [10, 11, 12, 13].map((id) => ({ id, name: `Giáo viên ${id}` })),
		...over
	};
}

const periodsOf = (input: RosterInput, classId: number) =>
	buildProblem(input)
		.instance.lessons.filter((l) => l.class === `C${classId}`)
		.reduce((a, l) => a + l.periodsPerWeek, 0);

describe('the problem of a school', () => {
	it('turns periods per year into weekly periods, alternating the remainder between classes', () => {
		expect(weeklyPeriods(140, 0)).toBe(4);
		expect([0, 1, 2, 3].map((k) => weeklyPeriods(52, k))).toEqual([1, 1, 2, 1]);
		expect([0, 1, 2, 3, 4, 5].map((k) => weeklyPeriods(52, k)).reduce((a, b) => a + b)).toBe(8);
	});

	it('builds a valid instance with HĐTN counted once: Chào cờ and Sinh hoạt lớp fixed, with the homeroom teacher', () => {
		const { instance, issues } = buildProblem(school());
		expect(issues).toEqual([]);
		expect(parseInstance(instance).ok).toBe(true);
		expect(instance.periodsPerDay).toBe(5);
		const a = instance.lessons.filter((l) => l.class === 'C1');
		expect(a.find((l) => l.subject === 'CHAOCO')).toMatchObject({
			teacher: 'T10',
			periodsPerWeek: 1,
			fixedSlots: [[0, 0]]
		});
		expect(a.find((l) => l.subject === 'SHL')).toMatchObject({
			teacher: 'T10',
			fixedSlots: [[5, 4]]
		});
		expect(a.find((l) => l.subject === 'S103')).toMatchObject({
			teacher: 'T13',
			periodsPerWeek: 1
		});
		// 4 + 4 + 1 (LSDL, first class of the grade) + 3 (HĐTN in all)
		expect(periodsOf(school(), 1)).toBe(12);
		expect(periodsOf(school(), 2)).toBe(12);
	});

	it("uses the admin's weekly periods over the programme's", () => {
		const input = school({ requirements: [{ classId: 2, subjectId: 102, periodsPerWeek: 2 }] });
		expect(periodsOf(input, 2)).toBe(13);
		const zero = school({ requirements: [{ classId: 1, subjectId: 100, periodsPerWeek: 0 }] });
		expect(buildProblem(zero).instance.lessons.some((l) => l.id === 'L1-100-lesson')).toBe(false);
	});

	it('two sessions double the periods of a day; Sinh hoạt lớp stays the last of the morning', () => {
		const input = school({ settings: { days: 5, sessions: 'both', periodsPerSession: 4 } });
		const { instance } = buildProblem(input);
		expect(instance.periodsPerDay).toBe(8);
		expect(instance.days.map((d) => d.id)).toEqual(['T2', 'T3', 'T4', 'T5', 'T6']);
		expect(instance.lessons.find((l) => l.subject === 'SHL')!.fixedSlots).toEqual([[4, 3]]);
	});

	it('maps lesson ids back to rows and refuses anything else', () => {
		const ref = { classId: 7, subjectId: 9, kind: 'meeting' as const };
		expect(parseLessonId(lessonId(ref))).toEqual(ref);
		expect(parseLessonId('L7-9-lesson; drop')).toBeNull();
		expect(parseLessonId('L99999999999-1-lesson')).toBeNull();
	});

	it('a generated timetable of the small school breaks no hard rule', () => {
		const { instance } = buildProblem(school());
		const r = solve(instance, { seed: 3, maxIterations: 5000 });
		expect(r.status).toBe('feasible');
		expect(r.evaluation.hardTotal).toBe(0);
	});
});

describe('the check before solving', () => {
	it('names a subject without a teacher and a class without a homeroom teacher', () => {
		const input = school({
			classes: [
				{ id: 1, name: '6A', grade: 6, homeroomStaffId: null },
				{ id: 2, name: '6B', grade: 6, homeroomStaffId: 11 }
			],
			assignments: school().assignments.filter((a) => !(a.classId === 2 && a.subjectId === 101))
		});
		const problems = precheck(buildProblem(input), input);
		expect(problems).toContainEqual(
			expect.objectContaining({ code: 'noHomeroom', className: '6A', severity: 'left_out' })
		);
		const noTeacher = problems.find((p) => p.code === 'noTeacher')!;
		expect(noTeacher).toMatchObject({ className: '6B', subjectName: 'Ngữ văn', needed: 4 });
		expect(problemText(noTeacher)).toContain('6B');
		expect(problemText(noTeacher)).toContain('Ngữ văn');
	});

	it('explains a teacher with more periods than slots, with the figures', () => {
		// one teacher for Toán and Ngữ văn of both classes (20 periods) and homeroom of 6A (Chào cờ, SHL),
		// in a week of 5 days x 3 periods
		const input = school({
			settings: { days: 5, sessions: 'morning', periodsPerSession: 3 },
			assignments: school().assignments.map((a) =>
				a.subjectId === 101 ? { ...a, staffId: 10 } : a
			),
			requirements: [1, 2]
				.flatMap((classId) => [
					{ classId, subjectId: 100, periodsPerWeek: 5 },
					{ classId, subjectId: 101, periodsPerWeek: 5 }
				])
				.concat({ classId: 1, subjectId: 102, periodsPerWeek: 3 })
		});
		const problems = precheck(buildProblem(input), input);
		const teacher = problems.find((p) => p.code === 'teacherOverloaded');
		expect(teacher).toMatchObject({
			teacherName: 'Giáo viên 10',
			needed: 22,
			severity: 'blocking'
		});
		const cls = problems.find((p) => p.code === 'classOverloaded');
		expect(cls).toMatchObject({ className: '6A', needed: 16, available: 15 });
		expect(problemText(cls!)).toMatch(/6A.*15/);
	});

	it('says so when the school has no class', () => {
		const input = school({ classes: [] });
		expect(precheck(buildProblem(input), input)).toEqual([
			expect.objectContaining({ code: 'noClasses', severity: 'blocking' })
		]);
	});
});
