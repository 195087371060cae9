import { z } from 'zod';
import { MAX_IMPORTED_ROOMS, ROOM_TYPES } from '../timetable/rooms';
import { text } from './common';

const dbId = z.number().int().min(1).max(2_147_483_647);
const slot = z.tuple([z.number().int().min(0).max(5), z.number().int().min(0).max(15)]);

/** What a FET import saves, as the preview put it in the form (`changes`, JSON), checked again. */
export const fetChangesSchema = z.object({
	unavailable: z.array(z.object({ staffId: dbId, slots: z.array(slot).max(96) })).max(1000),
	requirements: z
		.array(
			z.object({ classId: dbId, subjectId: dbId, periodsPerWeek: z.number().int().min(0).max(40) })
		)
		.max(5000),
	rooms: z
		.array(
			z.object({
				name: text(60),
				type: z.enum(ROOM_TYPES),
				capacity: z.number().int().min(1).max(500).nullable()
			})
		)
		.max(MAX_IMPORTED_ROOMS)
		.default([]),
	roomNeeds: z
		.array(z.object({ subjectId: dbId, roomType: z.enum(ROOM_TYPES) }))
		.max(500)
		.default([])
});

/** A form field holding JSON (what the preview put in a hidden input), parsed then checked. */
function jsonField<T extends z.ZodType>(maxLength: number, schema: T) {
	return z
		.string()
		.max(maxLength)
		.transform((text, ctx) => {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'v_invalid' });
				return z.NEVER;
			}
		})
		.pipe(schema);
}

export const fetSaveSchema = z.object({ changes: jsonField(500_000, fetChangesSchema) });

const placementSchema = z.object({
	classId: dbId,
	subjectId: dbId,
	staffId: dbId,
	kind: z.enum(['lesson', 'flag', 'meeting']),
	slots: z.array(slot).min(1).max(96)
});

/** A FET import as a draft: the changes and the placed periods, as the preview put them. */
export const fetDraftSchema = fetSaveSchema.extend({
	placements: jsonField(1_000_000, z.array(placementSchema).min(1).max(5000))
});
