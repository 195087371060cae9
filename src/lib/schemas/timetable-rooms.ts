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

const NEED_FIELD = /^need_(\d{1,10})$/;

/**
 * The room type each subject needs: fields `need_<subjectId>` = a type or '' (none); other fields
 * are ignored, at most 200 subjects.
 */
export const subjectRoomsSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
	const needs: { subjectId: number; roomType: (typeof ROOM_TYPES)[number] | null }[] = [];
	for (const [key, value] of Object.entries(raw)) {
		const match = NEED_FIELD.exec(key);
		if (!match) continue;
		const parsed = z.union([z.literal(''), z.enum(ROOM_TYPES)]).safeParse(value);
		const subjectId = id.safeParse(match[1]);
		if (!parsed.success || !subjectId.success) {
			ctx.addIssue({ code: 'custom', message: 'v_choice', path: [key] });
			return z.NEVER;
		}
		needs.push({ subjectId: subjectId.data, roomType: parsed.data === '' ? null : parsed.data });
	}
	if (!needs.length || needs.length > 200) {
		ctx.addIssue({ code: 'custom', message: 'v_required' });
		return z.NEVER;
	}
	return needs;
});
