import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { schoolProblemFet } from '../../src/lib/server/timetable/fet-export';
import { applyFetImport, previewFet } from '../../src/lib/server/timetable/fet-import';
import { addRoom, saveSubjectRooms } from '../../src/lib/server/timetable/rooms';
import { readFet } from '../../src/lib/timetable/fet-read';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * FET files: the school's problem exported as .fet reads back with the school's names; importing
 * it (with a teacher's not-available time added) previews and then saves the teachers' times and
 * the classes' weekly periods in one transaction, audited; a change naming another school's
 * teacher saves nothing; a broken file says where.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
let other: School;
const actor = () => ({ principal: school.admin, requestId: 'fet-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	school = await createTimetableSchool(db);
	other = await createTimetableSchool(db);
});
afterAll(() => close());

const notAvailable = (teacher: string) => `<ConstraintTeacherNotAvailableTimes>
	<Weight_Percentage>100</Weight_Percentage><Teacher>${teacher}</Teacher>
	<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>
	<Not_Available_Time><Day>T3</Day><Hour>2</Hour></Not_Available_Time>
	<Not_Available_Time><Day>T7</Day><Hour>9</Hour></Not_Available_Time>
</ConstraintTeacherNotAvailableTimes>`;

describe('FET files of a school', () => {
	it('exports the problem with the school names, previews and saves an import of it', async () => {
		const text = await schoolProblemFet(db, school.schoolId);
		const read = readFet(text);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.value.instance.classes.map((c) => c.id).sort()).toEqual(['6A', '6B']);
		expect(read.value.instance.teachers.map((t) => t.id)).toContain('Giáo viên Thử 1');

		// one extra hour the school's week has not got (T7 p10 of a 5-period week): left out
		const edited = text
			.replace(
				'<Hour>\n\t<Name>5</Name>\n</Hour>',
				'<Hour>\n\t<Name>5</Name>\n</Hour>\n<Hour>\n\t<Name>9</Name>\n</Hour>'
			)
			.replace(
				'</Time_Constraints_List>',
				`${notAvailable('Giáo viên Thử 1')}\n</Time_Constraints_List>`
			);
		const result = await previewFet(db, school.schoolId, edited);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { preview } = result;
		expect(preview.unmatched).toEqual({ teachers: [], classes: [], subjects: [] });
		expect(preview.outsideWeek).toBe(1);
		const first = school.staffIds[0];
		expect(preview.changes.unavailable.find((u) => u.staffId === first)?.slots).toEqual([[1, 1]]);
		const periods = read.value.instance.lessons.reduce((a, l) => a + l.periodsPerWeek, 0);
		expect(preview.changes.requirements.reduce((a, r) => a + r.periodsPerWeek, 0)).toBe(periods);

		const saved = await applyFetImport(db, actor(), school.schoolId, preview.changes);
		expect(saved.requirements).toBe(preview.changes.requirements.length);
		const row = await db
			.selectFrom('timetable_unavailability')
			.select('slots')
			.where('staff_id', '=', first)
			.executeTakeFirstOrThrow();
		expect(row.slots).toEqual([16 + 1]);
		const stored = await db
			.selectFrom('timetable_requirements')
			.select(db.fn.sum<string>('periods_per_week').as('total'))
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(Number(stored.total)).toBe(periods);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'timetable.fet_import')
			.where('school_id', '=', school.schoolId)
			.execute();
		expect(audit).toHaveLength(1);
		// the exported problem now holds the teacher's time: a round trip keeps it
		const again = readFet(await schoolProblemFet(db, school.schoolId));
		expect(
			again.ok && again.value.instance.teachers.find((t) => t.id === 'Giáo viên Thử 1')?.unavailable
		).toEqual([[1, 1]]);
	});

	it("saves nothing when one change names another school's teacher", async () => {
		const before = await db
			.selectFrom('timetable_requirements')
			.select(['class_id', 'subject_id', 'periods_per_week', 'version'])
			.where('school_id', '=', school.schoolId)
			.orderBy('class_id')
			.orderBy('subject_id')
			.execute();
		const changes = {
			unavailable: [
				{ staffId: school.staffIds[1], slots: [[0, 1]] as [number, number][] },
				{ staffId: other.staffIds[0], slots: [[0, 1]] as [number, number][] }
			],
			requirements: before.map((r) => ({
				classId: r.class_id,
				subjectId: r.subject_id,
				periodsPerWeek: 1
			})),
			rooms: [],
			roomNeeds: []
		};
		await expect(applyFetImport(db, actor(), school.schoolId, changes)).rejects.toBeInstanceOf(
			DomainError
		);
		const after = await db
			.selectFrom('timetable_requirements')
			.select(['class_id', 'subject_id', 'periods_per_week', 'version'])
			.where('school_id', '=', school.schoolId)
			.orderBy('class_id')
			.orderBy('subject_id')
			.execute();
		expect(after).toEqual(before);
		// the first test saved the file's (empty) times of this teacher: still empty
		const second = await db
			.selectFrom('timetable_unavailability')
			.select('slots')
			.where('staff_id', '=', school.staffIds[1])
			.execute();
		expect(second).toEqual([{ slots: [] }]);
	});

	it('says where a file does not parse, and names what does not match the school', async () => {
		const broken = await previewFet(db, school.schoolId, '<fet>\n<Teachers_List>\n</fet>');
		expect(broken.ok).toBe(false);
		if (!broken.ok) expect(broken.errors[0]).toMatchObject({ line: 3 });
		const text = (await schoolProblemFet(db, school.schoolId)).replace(/>6B</g, '>12Z<');
		const result = await previewFet(db, other.schoolId, text);
		expect(result.ok && result.preview.unmatched.classes).toEqual(['12Z']);
	});

	it("imports a file's rooms and its subjects' room types; a second import keeps them", async () => {
		const subjectId = school.subjectIds[0];
		await addRoom(db, actor(), school.schoolId, {
			name: 'Phòng máy 1',
			type: 'computer',
			capacity: 40
		});
		await saveSubjectRooms(db, actor(), school.schoolId, [{ subjectId, roomType: 'computer' }]);
		const text = await schoolProblemFet(db, school.schoolId);
		expect(text).toContain('<Name>Phòng máy 1</Name>');
		expect(text).toContain('<Preferred_Room>Phòng máy 1</Preferred_Room>');
		const read = readFet(text);
		expect(read.ok && read.value.instance.rooms).toEqual([
			{ id: 'Phòng máy 1', name: 'Phòng máy 1', type: 'computer', capacity: 40 }
		]);
		expect(read.ok && read.value.ignored).toEqual([]);

		const result = await previewFet(db, other.schoolId, text);
		if (!result.ok) throw new Error('preview failed');
		expect(result.preview.changes.rooms).toEqual([
			{ name: 'Phòng máy 1', type: 'computer', capacity: 40 }
		]);
		expect(result.preview.changes.roomNeeds).toEqual([{ subjectId, roomType: 'computer' }]);
		const otherActor = { principal: other.admin, requestId: 'fet-rooms' };
		await applyFetImport(db, otherActor, other.schoolId, result.preview.changes);
		const rooms = await db
			.selectFrom('timetable_rooms')
			.select(['name', 'type', 'capacity'])
			.where('school_id', '=', other.schoolId)
			.execute();
		expect(rooms).toEqual([{ name: 'Phòng máy 1', type: 'computer', capacity: 40 }]);
		const needs = await db
			.selectFrom('timetable_subject_rooms')
			.select(['subject_id', 'room_type'])
			.where('school_id', '=', other.schoolId)
			.execute();
		expect(needs).toEqual([{ subject_id: subjectId, room_type: 'computer' }]);
		const again = await previewFet(db, other.schoolId, text);
		expect(again.ok && again.preview.existingRooms).toEqual(['Phòng máy 1']);
		expect(again.ok && [again.preview.changes.rooms, again.preview.changes.roomNeeds]).toEqual([
			[],
			[]
		]);

		// a FET room without the portal's type in its comment: the type from its name
		const foreign = readFet(
			text.replace('<Comments>computer</Comments>', '<Comments>tầng 2</Comments>')
		);
		expect(foreign.ok && foreign.value.instance.rooms?.[0].type).toBe('computer');
		// a preferred room the file does not list: the error names where
		const unknown = readFet(
			text.replace(
				'<Preferred_Room>Phòng máy 1</Preferred_Room>',
				'<Preferred_Room>Phòng 99</Preferred_Room>'
			)
		);
		expect(!unknown.ok && unknown.errors[0].message).toBe('unknown room "Phòng 99"');
		// a room type a forged save names for a subject the school does not teach: nothing saved
		await expect(
			applyFetImport(db, otherActor, other.schoolId, {
				unavailable: [],
				requirements: [],
				rooms: [{ name: 'Phòng lab 9', type: 'lab', capacity: null }],
				roomNeeds: [{ subjectId: 2_147_483_000, roomType: 'lab' }]
			})
		).rejects.toBeInstanceOf(DomainError);
		expect(
			await db
				.selectFrom('timetable_rooms')
				.select('name')
				.where('school_id', '=', other.schoolId)
				.execute()
		).toHaveLength(1);
	});
});
