import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import {
	addRoom,
	listRooms,
	removeRoom,
	roomView,
	saveSubjectRooms,
	subjectRoomNeeds
} from '../../src/lib/server/timetable/rooms';
import { currentSemester } from '../../src/lib/server/timetable/queries';
import { roomSchema, subjectRoomsSchema } from '../../src/lib/schemas/timetable-rooms';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Special rooms: added (a name once per school) and removed, audited; the subjects that need a
 * type; the room timetable read from the published timetable in force, with the slots short of
 * rooms; another school's rooms out of reach; hostile form values refused by the schemas.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
let other: School;
const actor = () => ({ principal: school.admin, requestId: 'rooms-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	school = await createTimetableSchool(db);
	other = await createTimetableSchool(db);
});
afterAll(() => close());

async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (err) {
		return err as DomainError;
	}
	throw new Error('not refused');
}

describe('special rooms', () => {
	it('are added once per name, removed only at their school, and audited', async () => {
		const id = await addRoom(db, actor(), school.schoolId, {
			name: 'Phòng máy 1',
			type: 'computer',
			capacity: 45
		});
		const taken = await refusal(
			addRoom(db, actor(), school.schoolId, { name: 'Phòng máy 1', type: 'lab', capacity: null })
		);
		expect(taken.code).toBe('timetable_room_taken');
		expect(taken.field).toBe('name');
		// the same name at another school is another room
		await addRoom(db, { principal: other.admin }, other.schoolId, {
			name: 'Phòng máy 1',
			type: 'computer',
			capacity: null
		});
		expect((await refusal(removeRoom(db, actor(), other.schoolId, id))).code).toBe('v_not_found');
		const temp = await addRoom(db, actor(), school.schoolId, {
			name: 'Kho',
			type: 'other',
			capacity: null
		});
		await removeRoom(db, actor(), school.schoolId, temp);
		expect((await listRooms(db, school.schoolId)).map((r) => r.name)).toEqual(['Phòng máy 1']);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('request_id', '=', 'rooms-test')
			.where('school_id', '=', school.schoolId)
			.execute();
		expect(audit.map((a) => a.action).sort()).toEqual([
			'timetable.room_added',
			'timetable.room_added',
			'timetable.room_removed'
		]);
	});

	it("refuse two concurrent rooms of one name: one is added, the other hears it's taken", async () => {
		const results = await Promise.allSettled(
			[1, 2].map(() =>
				addRoom(db, actor(), school.schoolId, { name: 'Sân', type: 'yard', capacity: null })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((lost.reason as DomainError).code).toBe('timetable_room_taken');
	});

	it('save the room type a subject needs, only for subjects taught at the school', async () => {
		const [computing] = school.subjectIds;
		await saveSubjectRooms(db, actor(), school.schoolId, [
			{ subjectId: computing, roomType: 'computer' }
		]);
		const needs = await subjectRoomNeeds(db, school.schoolId);
		expect(needs.find((s) => s.id === computing)?.roomType).toBe('computer');
		expect(needs.filter((s) => s.roomType)).toHaveLength(1);
		expect((await subjectRoomNeeds(db, other.schoolId)).every((s) => !s.roomType)).toBe(true);
		const foreign = await refusal(
			saveSubjectRooms(db, actor(), school.schoolId, [
				{ subjectId: 2_147_483_647, roomType: 'lab' }
			])
		);
		expect(foreign.code).toBe('v_not_found');
		// a subject posted twice (need_5 and need_05): one upsert row, the last value kept
		await saveSubjectRooms(db, actor(), school.schoolId, [
			{ subjectId: computing, roomType: 'lab' },
			{ subjectId: computing, roomType: 'computer' }
		]);
		const again = await subjectRoomNeeds(db, school.schoolId);
		expect(again.find((s) => s.id === computing)?.roomType).toBe('computer');
		expect(again.filter((s) => s.roomType)).toHaveLength(1);
	});

	it('share the rooms among the classes of the published timetable, naming a shortage', async () => {
		const semester = await currentSemester(db);
		const [computing] = school.subjectIds;
		const version = await db
			.insertInto('timetable_versions')
			.values({
				school_id: school.schoolId,
				semester_id: semester.id,
				status: 'published',
				problem: JSON.stringify({ days: ['T2', 'T3', 'T4', 'T5', 'T6'], periodsPerDay: 5 }),
				seed: 1,
				time_limit_seconds: 5,
				effective_from: '2020-01-06',
				published_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// both classes have computing on Monday period 2; one computer room
		await db
			.insertInto('timetable_cells')
			.values(
				school.classes.map((c, i) => ({
					version_id: version.id,
					school_id: school.schoolId,
					class_id: c.id,
					subject_id: computing,
					staff_id: school.staffIds[i],
					day: 0,
					period: 1
				}))
			)
			.execute();
		const view = await roomView(db, school.schoolId, '2026-12-07');
		expect(view.version?.id).toBe(version.id);
		const room = view.rooms.find((r) => r.name === 'Phòng máy 1')!;
		expect(view.uses).toEqual([expect.objectContaining({ roomId: room.id, className: '6A' })]);
		expect(view.shortages).toEqual([{ day: 0, period: 1, type: 'computer', classNames: ['6B'] }]);
		expect((await roomView(db, other.schoolId, '2026-12-07')).version).toBeNull();
	});
});

describe('room forms', () => {
	it('refuse hostile values', () => {
		for (const bad of [
			{ name: 'Phòng\u0000', type: 'lab' },
			{ name: 'x'.repeat(100_000), type: 'lab' },
			{ name: 'Phòng', type: 'pool' },
			{ name: 'Phòng', type: 'lab', capacity: '99999999999999999999' },
			{ name: '   ', type: 'lab' }
		])
			expect(roomSchema.safeParse(bad).success).toBe(false);
		expect(roomSchema.parse({ name: ' Phòng  Lý ', type: 'lab', capacity: '' })).toEqual({
			name: 'Phòng Lý',
			type: 'lab',
			capacity: null
		});
		for (const bad of [
			{},
			{ need_1: 'pool' },
			{ need_99999999999: 'lab' },
			{ need_1: 'lab\u0000' }
		])
			expect(subjectRoomsSchema.safeParse(bad).success).toBe(false);
		expect(subjectRoomsSchema.parse({ need_3: '', need_4: 'gym', other: 'x' })).toEqual([
			{ subjectId: 3, roomType: null },
			{ subjectId: 4, roomType: 'gym' }
		]);
		// the page's hidden `was_<id>`: the type it showed, for the subjects the form posts
		expect(
			subjectRoomsSchema.parse({ was_3: 'lab', need_3: '', was_4: '', need_4: 'gym', was_9: '' })
		).toEqual([
			{ subjectId: 3, roomType: null, was: 'lab' },
			{ subjectId: 4, roomType: 'gym', was: null }
		]);
		expect(subjectRoomsSchema.safeParse({ need_3: '', was_3: 'pool' }).success).toBe(false);
	});
});

describe('two admins saving the room needs at once', () => {
	it('keep each other’s change of another subject; the same subject changed twice is a conflict', async () => {
		const [, second, third] = other.subjectIds;
		const admin = { principal: other.admin, requestId: 'rooms-two-admins' };
		const needOf = async (subjectId: number) =>
			(await subjectRoomNeeds(db, other.schoolId)).find((s) => s.id === subjectId)?.roomType ??
			null;
		// both pages showed no room type for either subject; admin A gives the second a lab
		await saveSubjectRooms(db, admin, other.schoolId, [
			{ subjectId: second, roomType: 'lab', was: null },
			{ subjectId: third, roomType: null, was: null }
		]);
		// admin B, from the older page, gives the third a gym: the second keeps A's lab
		await saveSubjectRooms(db, admin, other.schoolId, [
			{ subjectId: second, roomType: null, was: null },
			{ subjectId: third, roomType: 'gym', was: null }
		]);
		expect(await needOf(second)).toBe('lab');
		expect(await needOf(third)).toBe('gym');
		// admin C, from the oldest page, changes the second as well: refused, nothing saved
		const stale = await refusal(
			saveSubjectRooms(db, admin, other.schoolId, [
				{ subjectId: second, roomType: 'computer', was: null },
				{ subjectId: third, roomType: null, was: 'gym' }
			])
		);
		expect(stale).toBeInstanceOf(ConflictError);
		expect(await needOf(second)).toBe('lab');
		expect(await needOf(third)).toBe('gym');
		// the same choice as the other admin's is no conflict (nothing to change)
		await saveSubjectRooms(db, admin, other.schoolId, [
			{ subjectId: second, roomType: 'lab', was: null }
		]);
		// two saves at the same moment, each changing another subject: both kept
		await Promise.all([
			saveSubjectRooms(db, admin, other.schoolId, [
				{ subjectId: second, roomType: null, was: 'lab' },
				{ subjectId: third, roomType: 'gym', was: 'gym' }
			]),
			saveSubjectRooms(db, admin, other.schoolId, [
				{ subjectId: second, roomType: 'lab', was: 'lab' },
				{ subjectId: third, roomType: null, was: 'gym' }
			])
		]);
		expect(await needOf(second)).toBeNull();
		expect(await needOf(third)).toBeNull();
	});
});
