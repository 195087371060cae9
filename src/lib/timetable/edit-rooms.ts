/**
 * Rooms on the editor's check (pure; relative imports only). The generator places no rooms, so a
 * draft may already be short of a room type at some slot; a move is judged by what it changes:
 * - a **room clash**: at a slot the move touches, more classes need a room type than the school
 *   has rooms of it, and more than needed it there before the move (the move refuses to save);
 * - a **room too small** (a warning, saved anyway): at a slot the move fills, the moved class gets
 *   a room (the room view's allocation, `allocateRooms`) whose capacity is below its pupils.
 */
import { allocateRooms, type Room, type RoomCell, type RoomType } from './rooms';

export interface RoomClash {
	day: number;
	period: number;
	type: RoomType;
	/** rooms of the type at the school */
	rooms: number;
	/** the classes needing the type then, after the move */
	classNames: string[];
}

export interface RoomTooSmall {
	day: number;
	period: number;
	className: string;
	roomName: string;
	capacity: number;
	pupils: number;
}

export interface RoomCheck {
	clashes: RoomClash[];
	tooSmall: RoomTooSmall[];
}

export interface RoomCapacity extends Room {
	capacity: number | null;
}

type Slot = readonly [number, number];
const slotKey = (d: number, p: number) => `${d}:${p}`;

function demand(cells: readonly RoomCell[], needs: ReadonlyMap<number, RoomType>) {
	const out = new Map<string, RoomCell[]>();
	for (const c of cells) {
		const type = needs.get(c.subjectId);
		if (!type) continue;
		const key = `${slotKey(c.day, c.period)}:${type}`;
		out.set(key, [...(out.get(key) ?? []), c]);
	}
	return out;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'vi', { numeric: true });

/**
 * `before` and `after` are the draft's lesson cells without and with the move; `touched` the
 * slots it changed; `movedClassId` the class whose periods moved; `pupils` each class's size.
 */
export function checkRooms(input: {
	before: readonly RoomCell[];
	after: readonly RoomCell[];
	touched: readonly Slot[];
	movedClassId: number;
	rooms: readonly RoomCapacity[];
	needs: ReadonlyMap<number, RoomType>;
	pupils: ReadonlyMap<number, number>;
}): RoomCheck {
	const touched = new Set(input.touched.map(([d, p]) => slotKey(d, p)));
	const count = new Map<RoomType, number>();
	for (const r of input.rooms) count.set(r.type, (count.get(r.type) ?? 0) + 1);
	const was = demand(input.before, input.needs);
	const clashes: RoomClash[] = [];
	for (const [key, group] of demand(input.after, input.needs)) {
		const { day, period } = group[0];
		const type = key.split(':')[2] as RoomType;
		const rooms = count.get(type) ?? 0;
		const before = was.get(key)?.length ?? 0;
		if (touched.has(slotKey(day, period)) && group.length > rooms && group.length > before)
			clashes.push({
				day,
				period,
				type,
				rooms,
				classNames: group.map((c) => c.className).sort(byName)
			});
	}
	const roomOf = new Map(input.rooms.map((r) => [r.id, r]));
	const tooSmall: RoomTooSmall[] = [];
	for (const use of allocateRooms(input.after, input.rooms, input.needs).uses) {
		const room = roomOf.get(use.roomId)!;
		const pupils = input.pupils.get(use.classId) ?? 0;
		if (
			use.classId === input.movedClassId &&
			touched.has(slotKey(use.day, use.period)) &&
			room.capacity !== null &&
			pupils > room.capacity
		)
			tooSmall.push({
				day: use.day,
				period: use.period,
				className: use.className,
				roomName: room.name,
				capacity: room.capacity,
				pupils
			});
	}
	const order = (a: { day: number; period: number }, b: { day: number; period: number }) =>
		a.day - b.day || a.period - b.period;
	return { clashes: clashes.sort(order), tooSmall: tooSmall.sort(order) };
}
