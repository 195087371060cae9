import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { applyFetImport, previewFet } from '../../src/lib/server/timetable/fet-import';
import { addRoom } from '../../src/lib/server/timetable/rooms';
import { fetSaveSchema } from '../../src/lib/schemas/timetable-fet';
import { MAX_IMPORTED_ROOMS } from '../../src/lib/timetable/rooms';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * A FET file naming more new rooms than one import may add (200): the preview already refuses it
 * with the count and the limit, before anything is written, and the save refuses the same number;
 * at the limit the preview and the save both accept it. Rooms the school has, and names that are
 * one room written differently, do not count.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
const actor = () => ({ principal: school.admin, requestId: 'fet-room-limit' });

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	school = await createTimetableSchool(db);
});
afterAll(() => close());

const DAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
const room = (name: string) =>
	`<Room><Name>${name}</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual><Comments>lab</Comments></Room>`;
/** a FET file with only the week and these rooms */
const fetFile = (names: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Giới hạn phòng</Institution_Name>
<Days_List><Number_of_Days>6</Number_of_Days>
${DAYS.map((d) => `<Day><Name>${d}</Name></Day>`).join('\n')}
</Days_List>
<Hours_List><Number_of_Hours>5</Number_of_Hours>
${[1, 2, 3, 4, 5].map((h) => `<Hour><Name>${h}</Name></Hour>`).join('\n')}
</Hours_List>
<Rooms_List>
${names.map(room).join('\n')}
</Rooms_List>
</fet>
`;
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
const roomCount = async () =>
	(
		await db
			.selectFrom('timetable_rooms')
			.select('id')
			.where('school_id', '=', school.schoolId)
			.execute()
	).length;

async function refusal(run: () => Promise<unknown>) {
	try {
		await run();
	} catch (err) {
		return err instanceof DomainError ? { code: err.code, params: err.params } : err;
	}
	return 'accepted';
}

describe('the number of new rooms a FET import may add', () => {
	it('refuses the preview of a file with 201 new rooms with the count and the limit', async () => {
		expect(MAX_IMPORTED_ROOMS).toBe(200);
		const before = await roomCount();
		expect(
			await refusal(() => previewFet(db, school.schoolId, fetFile(names(201, 'Phòng dư'))))
		).toEqual({ code: 'timetable_fet_too_many_rooms', params: { count: 201, max: 200 } });
		// what the same rooms would be in a save: refused by the form and by the service
		const rooms = names(201, 'Phòng dư').map((name) => ({ name, type: 'lab', capacity: 30 }));
		const changes = { unavailable: [], requirements: [], rooms, roomNeeds: [] };
		expect(fetSaveSchema.safeParse({ changes: JSON.stringify(changes) }).success).toBe(false);
		expect(
			await refusal(() => applyFetImport(db, actor(), school.schoolId, changes as never))
		).toEqual({ code: 'timetable_fet_too_many_rooms', params: { count: 201, max: 200 } });
		expect(await roomCount()).toBe(before);
	});

	it("accepts at the limit in the preview and the save; the school's rooms and repeats do not count", async () => {
		await addRoom(db, actor(), school.schoolId, {
			name: 'Phòng có sẵn 1',
			type: 'lab',
			capacity: 30
		});
		const before = await roomCount();
		// 200 new, one the school has (another case), and a new room repeated in other spellings
		const file = fetFile([
			...names(200, 'Phòng mới'),
			'PHÒNG CÓ SẴN 1',
			'phòng mới 7',
			'  Phòng   mới 7 '
		]);
		const result = await previewFet(db, school.schoolId, file);
		if (!result.ok) throw new Error('preview failed');
		expect(result.preview.changes.rooms).toHaveLength(200);
		expect(result.preview.existingRooms).toEqual(['PHÒNG CÓ SẴN 1']);
		const form = fetSaveSchema.safeParse({ changes: JSON.stringify(result.preview.changes) });
		if (!form.success) throw new Error('the save form refused what the preview gave');
		const saved = await applyFetImport(db, actor(), school.schoolId, form.data.changes);
		expect(saved.rooms).toBe(200);
		expect(await roomCount()).toBe(before + 200);
		// the same file again: every room is there, nothing new, nothing refused
		const again = await previewFet(db, school.schoolId, file);
		expect(again.ok && again.preview.changes.rooms).toEqual([]);
	});

	it('counts 300 long names that are one room cut to 60 characters as one', async () => {
		const long = (i: number) => `${'Phòng dài '.repeat(10)}${i}`;
		const result = await previewFet(
			db,
			school.schoolId,
			fetFile(Array.from({ length: 300 }, (_, i) => long(i)))
		);
		if (!result.ok) throw new Error('preview failed');
		expect(result.preview.changes.rooms.map((r) => r.name)).toEqual([long(0).slice(0, 60)]);
	});
});
