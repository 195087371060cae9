import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../src/lib/timetable/format';
import { solve } from '../../src/lib/timetable/solver';
import { precheck } from '../../src/lib/server/timetable/precheck';
import { buildProblem, type RosterInput } from '../../src/lib/server/timetable/problem';
import { problemText } from '../../src/lib/i18n/timetable';

/** Two classes of grade 6, Toán and Ngữ văn with a teacher per class, Ngữ văn in the lab. */
function school(over: Partial<RosterInput> = {}): RosterInput {
	return {
		schoolName: 'THCS Thử',
		settings: { days: 6, sessions: 'morning', periodsPerSession: 5 },
		classes: [
			{ id: 1, name: '6A', grade: 6, homeroomStaffId: null },
			{ id: 2, name: '6B', grade: 6, homeroomStaffId: null }
		],
		subjects: [
			{ id: 100, code: 'TOAN', name: 'Toán', grade: 6, periodsPerYear: 140 },
			{ id: 101, code: 'NV', name: 'Ngữ văn', grade: 6, periodsPerYear: 140 }
		],
		assignments: [1, 2].flatMap((classId) => [
			{ classId, subjectId: 100, staffId: 10 + classId },
			{ classId, subjectId: 101, staffId: 20 + classId }
		]),
		requirements: [],
		staff: [11, 12, 21, 22].map((id) => ({ id, name: `Giáo viên ${id}` })),
		roomNeeds: [{ subjectId: 101, roomType: 'lab' }],
		rooms: [{ id: 5, name: 'Phòng TN 1', type: 'lab', capacity: null }],
		...over
	};
}

describe('rooms in the problem of a school', () => {
	it("puts the school's rooms and each subject's room type in the instance", () => {
		const { instance } = buildProblem(school());
		expect(parseInstance(instance).ok).toBe(true);
		expect(instance.subjects.find((s) => s.id === 'S101')?.roomType).toBe('lab');
		expect(instance.subjects.find((s) => s.id === 'S100')?.roomType).toBeUndefined();
		expect(instance.rooms).toEqual([{ id: 'R5', name: 'Phòng TN 1', type: 'lab' }]);
		// no subject needs a room: the instance carries no rooms
		expect(buildProblem(school({ roomNeeds: [] })).instance.rooms).toBeUndefined();
	});

	it('generates with one lab for both classes: never two Ngữ văn periods at once', () => {
		const { instance } = buildProblem(school());
		const r = solve(instance, { seed: 2, maxIterations: 5000 });
		expect(r.status).toBe('feasible');
		const at = r.solution.assignments
			.filter((a) => a.lesson.includes('-101-'))
			.flatMap((a) => a.slots.map(([d, p]) => `${d}-${p}`));
		expect(at).toHaveLength(8);
		expect(new Set(at).size).toBe(8);
	});

	it('says, with the subject and the room type, that a school without a lab cannot fit', () => {
		const input = school({ rooms: [] });
		const problems = precheck(buildProblem(input), input);
		const short = problems.find((p) => p.code === 'roomShort')!;
		expect(short).toMatchObject({
			severity: 'blocking',
			subjectName: 'Ngữ văn',
			roomType: 'lab',
			needed: 8,
			available: 0
		});
		expect(problemText(short)).toBe(
			'Môn Ngữ văn cần 8 tiết mỗi tuần ở phòng thí nghiệm nhưng số phòng loại này của trường chỉ đủ cho 0 tiết: thêm phòng hoặc bớt môn cần phòng.'
		);
	});
});
