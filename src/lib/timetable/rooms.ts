/**
 * Rooms in the published timetable. The timetable format has no rooms and the generator places
 * none, so the room view shares each type's rooms among the classes that have, in a slot, a
 * lesson of a subject needing that type: classes in name order get the rooms in name order; the
 * classes left over are a shortage of that slot. Pure; relative imports only.
 */
export const ROOM_TYPES = ['lab', 'computer', 'gym', 'yard', 'other'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

/**
 * New rooms one FET import may add. A school has at most a few dozen rooms; a file naming more
 * new ones than this is not one school's (a whole district's, or generated), so its preview is
 * refused with this limit and the save refuses the same number.
 */
export const MAX_IMPORTED_ROOMS = 200;

export interface RoomCell {
	day: number;
	period: number;
	classId: number;
	className: string;
	subjectId: number;
	subjectName: string;
}

export interface Room {
	id: number;
	name: string;
	type: RoomType;
}

export interface RoomUse extends RoomCell {
	roomId: number;
}

export interface RoomShortage {
	day: number;
	period: number;
	type: RoomType;
	/** the classes without a room of the type then */
	classNames: string[];
}

const byName = (a: { name: string }, b: { name: string }) =>
	a.name.localeCompare(b.name, 'vi', { numeric: true });

export function allocateRooms(
	cells: readonly RoomCell[],
	rooms: readonly Room[],
	needs: ReadonlyMap<number, RoomType>
): { uses: RoomUse[]; shortages: RoomShortage[] } {
	const groups = new Map<string, RoomCell[]>();
	for (const c of cells) {
		const type = needs.get(c.subjectId);
		if (!type) continue;
		const key = `${c.day}:${c.period}:${type}`;
		groups.set(key, [...(groups.get(key) ?? []), c]);
	}
	const roomsOf = new Map<RoomType, Room[]>();
	for (const r of [...rooms].sort(byName)) roomsOf.set(r.type, [...(roomsOf.get(r.type) ?? []), r]);
	const uses: RoomUse[] = [];
	const shortages: RoomShortage[] = [];
	for (const [key, group] of groups) {
		const type = key.split(':')[2] as RoomType;
		const free = roomsOf.get(type) ?? [];
		const classes = [...group].sort((a, b) =>
			a.className.localeCompare(b.className, 'vi', { numeric: true })
		);
		classes.forEach((c, i) => {
			if (i < free.length) uses.push({ ...c, roomId: free[i].id });
		});
		if (classes.length > free.length)
			shortages.push({
				day: group[0].day,
				period: group[0].period,
				type,
				classNames: classes.slice(free.length).map((c) => c.className)
			});
	}
	shortages.sort((a, b) => a.day - b.day || a.period - b.period || a.type.localeCompare(b.type));
	return { uses, shortages };
}
