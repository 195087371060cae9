/**
 * Rooms on the editor's check: the draft's lesson cells before and after a move, the school's
 * rooms and each subject's room type, each class's pupils, judged by `$lib/timetable/edit-rooms`.
 * A room clash refuses the save (`RoomClashError`, nothing saved); a room too small is a warning.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import type { EditCheck } from '../../timetable/edit';
import type { Slot } from '../../timetable/format';
import { checkRooms, type RoomCheck, type RoomClash } from '../../timetable/edit-rooms';
import type { RoomCell } from '../../timetable/rooms';
import type { CellRow } from './editor';

type Db = Kysely<Database>;

export class RoomClashError extends DomainError {
	constructor(public readonly clashes: RoomClash[]) {
		super('timetable_edit_room_clash', { count: clashes.length });
	}
}

const slotKey = ([d, p]: Slot) => `${d}|${p}`;

/** The cells of a draft after a move of `classId`'s periods (`check.moved`: from → to). */
export function cellsAfterMove(cells: CellRow[], classId: number, check: EditCheck): CellRow[] {
	const moving = new Map(check.moved.map((m) => [slotKey(m.from), m.to]));
	return cells.map((c) => {
		const to = c.class_id === classId ? moving.get(slotKey([c.day, c.period])) : undefined;
		return to ? { ...c, day: to[0], period: to[1] } : c;
	});
}

/** What a checked move does to the school's special rooms (no needs or no rooms: nothing). */
export async function roomCheck(
	db: Db,
	schoolId: number,
	cells: CellRow[],
	classId: number,
	check: EditCheck
): Promise<RoomCheck> {
	const needs = new Map(
		(
			await db
				.selectFrom('timetable_subject_rooms')
				.select(['subject_id', 'room_type'])
				.where('school_id', '=', schoolId)
				.execute()
		).map((r) => [r.subject_id, r.room_type])
	);
	const lessons = cells.filter((c) => c.kind === 'lesson' && needs.has(c.subject_id));
	if (!lessons.length) return { clashes: [], tooSmall: [] };
	const classIds = [...new Set(lessons.map((c) => c.class_id))];
	const [rooms, classes] = await Promise.all([
		db
			.selectFrom('timetable_rooms')
			.select(['id', 'name', 'type', 'capacity'])
			.where('school_id', '=', schoolId)
			.execute(),
		db
			.selectFrom('classes as cl')
			.select((eb) => [
				'cl.id',
				'cl.name',
				eb
					.selectFrom('students as s')
					.select(eb.fn.countAll<number>().as('n'))
					.whereRef('s.class_id', '=', 'cl.id')
					.where('s.active', '=', true)
					.as('pupils')
			])
			.where('cl.school_id', '=', schoolId)
			.where('cl.id', 'in', classIds)
			.execute()
	]);
	const names = new Map(classes.map((c) => [c.id, c.name]));
	const asRoomCells = (list: CellRow[]): RoomCell[] =>
		list
			.filter((c) => c.kind === 'lesson' && needs.has(c.subject_id))
			.map((c) => ({
				day: c.day,
				period: c.period,
				classId: c.class_id,
				className: names.get(c.class_id) ?? '',
				subjectId: c.subject_id,
				subjectName: ''
			}));
	return checkRooms({
		before: asRoomCells(cells),
		after: asRoomCells(cellsAfterMove(cells, classId, check)),
		touched: check.moved.flatMap((m) => [m.from, m.to]),
		movedClassId: classId,
		rooms,
		needs,
		pupils: new Map(classes.map((c) => [c.id, Number(c.pupils ?? 0)]))
	});
}
