import * as m from '$lib/paraglide/messages';
import type { RoomClash, RoomTooSmall } from '$lib/timetable/edit-rooms';
import type { RoomType } from '$lib/timetable/rooms';
import { slotText } from './timetable';

type Params = Record<string, unknown>;

/** Error texts of the timetable's rooms-on-the-editor and parent's PDF; registered in `errors.ts`. */
export const TIMETABLE_TT_ERRORS: Record<string, (p: Params) => string> = {
	timetable_edit_room_clash: () => m.timetable_tt_e_room_clash()
};

const ROOM_TYPE_NAMES: Record<RoomType, () => string> = {
	lab: m.timetable_room_type_lab,
	computer: m.timetable_room_type_computer,
	gym: m.timetable_room_type_gym,
	yard: m.timetable_room_type_yard,
	other: m.timetable_room_type_other
};

/** A room clash of the editor's check, in words. */
export function roomClashText(c: RoomClash): string {
	return m.timetable_tt_room_clash({
		slot: slotText(c.day, c.period),
		needed: String(c.classNames.length),
		type: ROOM_TYPE_NAMES[c.type]().toLocaleLowerCase(),
		classes: c.classNames.join(', '),
		rooms: String(c.rooms)
	});
}

/** A class larger than its room, in words. */
export function roomTooSmallText(w: RoomTooSmall): string {
	return m.timetable_tt_room_small({
		slot: slotText(w.day, w.period),
		className: w.className,
		pupils: String(w.pupils),
		roomName: w.roomName,
		capacity: String(w.capacity)
	});
}
