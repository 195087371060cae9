import { removeRoomSchema, roomSchema, subjectRoomsSchema } from '$lib/schemas/timetable-rooms';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
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
	add: async (ctx) => {
		const data = await readPlainForm(ctx, roomSchema);
		if (!data) return plainInvalid('add');
		try {
			await addRoom(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'add');
		}
		savedRedirect(ctx.event.url, 'timetable_room_added');
	},
	remove: async (ctx) => {
		const data = await readPlainForm(ctx, removeRoomSchema);
		if (!data) return plainInvalid('rooms');
		try {
			await removeRoom(ctx.db, ctx.actor, ctx.school.id, data.roomId);
		} catch (err) {
			return plainFailure(err, 'rooms');
		}
		savedRedirect(ctx.event.url, 'timetable_room_removed');
	},
	needs: async (ctx) => {
		const data = await readPlainForm(ctx, subjectRoomsSchema);
		if (!data) return plainInvalid('needs');
		try {
			await saveSubjectRooms(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'needs');
		}
		savedRedirect(ctx.event.url, 'timetable_room_needs_saved');
	}
}) satisfies Actions;
