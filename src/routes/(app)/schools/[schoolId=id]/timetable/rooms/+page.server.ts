import { removeRoomSchema, roomSchema, subjectRoomsSchema } from '$lib/schemas/timetable-rooms';
import { guardedActions, guardedLoad, plainAction, schoolScope } from '$lib/server/action';
import {
	addRoom,
	listRooms,
	removeRoom,
	roomView,
	saveSubjectRooms,
	subjectRoomNeeds
} from '$lib/server/timetable/rooms';
import { periodLabelsOfVersions } from '$lib/server/timetable/bells';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** The school's special rooms, the subjects that need them, and the room timetable in force. */
export const load = guardedLoad(scope, async ({ db, school }) => {
	const view = await roomView(db, school.id);
	const times = view.version
		? ((await periodLabelsOfVersions(db, [view.version.id])).get(view.version.id) ?? [])
		: [];
	return {
		rooms: await listRooms(db, school.id),
		subjects: await subjectRoomNeeds(db, school.id),
		view: { ...view, times }
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	add: plainAction(roomSchema, 'add', async (ctx, data) => {
		await addRoom(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'timetable_room_added' };
	}),
	remove: plainAction(removeRoomSchema, 'rooms', async (ctx, data) => {
		await removeRoom(ctx.db, ctx.actor, ctx.school.id, data.roomId);
		return { saved: 'timetable_room_removed' };
	}),
	needs: plainAction(subjectRoomsSchema, 'needs', async (ctx, data) => {
		await saveSubjectRooms(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'timetable_room_needs_saved' };
	})
}) satisfies Actions;
