import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import { checkMove } from '../../src/lib/timetable/edit';
import type { Slot } from '../../src/lib/timetable/format';
import { startGeneration, timetableGenerateJob } from '../../src/lib/server/timetable/generate';
import { previewMove, saveMove, versionForEdit } from '../../src/lib/server/timetable/editor';
import { RoomClashError } from '../../src/lib/server/timetable/edit-rooms';
import { addRoom, saveSubjectRooms } from '../../src/lib/server/timetable/rooms';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Rooms on the editor's check: a move that leaves a slot needing more rooms of a type than the
 * school has is refused with the slot, type and classes named (nothing saved), and allowed once
 * the school has the room; a class larger than the room it gets is a warning that still saves.
 */
let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

type Draft = NonNullable<Awaited<ReturnType<typeof versionForEdit>>>;

/**
 * A swap of class A's lessons the engine accepts, from a slot of subject S to one of subject U,
 * where class B has a subject T (S ≠ U, T ≠ U): with S and T needing the one computer room, the
 * destination then needs two.
 */
function roomSwap(v: Draft, a: number, b: number) {
	const at = (cls: number, [d, p]: Slot) =>
		v.cells.find((c) => c.class_id === cls && c.day === d && c.period === p);
	for (const c of v.cells.filter((x) => x.class_id === a && x.kind === 'lesson'))
		for (const to of v.cells.filter((x) => x.class_id === a && x.kind === 'lesson')) {
			const from: Slot = [c.day, c.period];
			const dest: Slot = [to.day, to.period];
			const other = at(b, dest);
			if (!other || other.kind !== 'lesson' || to.subject_id === c.subject_id) continue;
			if (other.subject_id === to.subject_id) continue;
			const r = checkMove(v.instance, v.solution, { class: `C${a}`, from, to: dest });
			if (typeof r !== 'string' && r.ok)
				return { from, to: dest, s: c.subject_id, t: other.subject_id };
		}
	throw new Error('no swap found');
}

describe('rooms on the editor', () => {
	it('refuses a move that needs more computer rooms than exist, then allows it with two', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin, requestId: 'edit-rooms' };
		const versionId = await startGeneration(db, actor, school.schoolId, {
			seed: 5,
			timeLimitSeconds: 30,
			maxIterations: 20_000
		});
		await runNextJob(db, handlers, { workerId: `ttr-${process.pid}` });
		const v = (await versionForEdit(db, school.schoolId, versionId))!;
		expect(v.status).toBe('draft');
		const [a, b] = school.classes;
		const move = roomSwap(v, a.id, b.id);
		const needs = [...new Set([move.s, move.t])].map((subjectId) => ({
			subjectId,
			roomType: 'computer' as const
		}));
		await saveSubjectRooms(db, actor, school.schoolId, needs);
		await addRoom(db, actor, school.schoolId, {
			name: 'Phòng máy 1',
			type: 'computer',
			capacity: 5
		});
		await db
			.insertInto('students')
			.values(
				Array.from({ length: 8 }, (_, i) => ({
					school_id: school.schoolId,
					class_id: a.id,
					code: `RM${school.schoolId}-${i}`,
					full_name: `Học sinh Phòng ${i}`
				}))
			)
			.execute();
		const input = { versionId, classId: a.id, from: move.from, to: move.to };

		const preview = await previewMove(db, school.schoolId, input);
		expect(preview.check.ok).toBe(true);
		expect(preview.rooms.clashes).toHaveLength(1);
		expect(preview.rooms.clashes[0]).toMatchObject({
			day: move.to[0],
			period: move.to[1],
			type: 'computer',
			rooms: 1,
			classNames: ['6A', '6B']
		});
		const before = (await versionForEdit(db, school.schoolId, versionId))!;
		const refused = await saveMove(db, actor, school.schoolId, {
			...input,
			version: v.version
		}).catch((e) => e);
		expect(refused).toBeInstanceOf(RoomClashError);
		expect(refused.code).toBe('timetable_edit_room_clash');
		const still = (await versionForEdit(db, school.schoolId, versionId))!;
		expect(still.cells).toEqual(before.cells);
		expect(still.version).toBe(v.version);

		await addRoom(db, actor, school.schoolId, {
			name: 'Phòng máy 2',
			type: 'computer',
			capacity: 40
		});
		const again = await previewMove(db, school.schoolId, input);
		expect(again.rooms.clashes).toEqual([]);
		// 6A (8 pupils) gets "Phòng máy 1" (name order) holding 5: a warning, still saved
		expect(again.rooms.tooSmall).toEqual([
			{
				day: move.to[0],
				period: move.to[1],
				className: '6A',
				roomName: 'Phòng máy 1',
				capacity: 5,
				pupils: 8
			}
		]);
		const saved = await saveMove(db, actor, school.schoolId, { ...input, version: v.version });
		expect(saved.ok).toBe(true);
		expect((await versionForEdit(db, school.schoolId, versionId))!.version).toBe(v.version + 1);
	});
});
