import { z } from 'zod';
import { ROOM_TYPES } from '../timetable/rooms';
import { id, text } from './common';

/** A new special room: name, type, optional capacity (pupils). */
export const roomSchema = z.object({
	name: text(60),
	type: z.enum(ROOM_TYPES),
	capacity: z
		.union([z.literal(''), z.coerce.number().int().min(1).max(500)])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v))
});

export const removeRoomSchema = z.object({ roomId: id });

const NEED_FIELD = /^(need|was)_(\d{1,10})$/;
const NEED_VALUE = z.union([z.literal(''), z.enum(ROOM_TYPES)]);

type RoomNeed = {
	subjectId: number;
	roomType: (typeof ROOM_TYPES)[number] | null;
	/** the type the form showed (its hidden `was_<id>`): a change made meanwhile is a conflict */
	was?: (typeof ROOM_TYPES)[number] | null;
};

/**
 * The room type each subject needs: fields `need_<subjectId>` = a type or '' (none), and from the
 * page `was_<subjectId>` = the type it showed; other fields are ignored, at most 200 subjects.
 */
export const subjectRoomsSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
	const needs = new Map<number, RoomNeed>();
	const shown = new Map<number, RoomNeed['was']>();
	for (const [key, value] of Object.entries(raw)) {
		const match = NEED_FIELD.exec(key);
		if (!match) continue;
		const parsed = NEED_VALUE.safeParse(value);
		const subjectId = id.safeParse(match[2]);
		if (!parsed.success || !subjectId.success) {
			ctx.addIssue({ code: 'custom', message: 'v_choice', path: [key] });
			return z.NEVER;
		}
		const type = parsed.data === '' ? null : parsed.data;
		if (match[1] === 'was') shown.set(subjectId.data, type);
		// a subject posted twice (need_5 and need_05) keeps the last value
		else needs.set(subjectId.data, { subjectId: subjectId.data, roomType: type });
	}
	if (!needs.size || needs.size > 200) {
		ctx.addIssue({ code: 'custom', message: 'v_required' });
		return z.NEVER;
	}
	return [...needs.values()].map((n) =>
		shown.has(n.subjectId) ? { ...n, was: shown.get(n.subjectId) } : n
	);
});
