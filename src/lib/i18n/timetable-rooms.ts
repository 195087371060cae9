import * as m from '$lib/paraglide/messages';
import type { RoomType } from '$lib/timetable/rooms';

/** A room type in words. */
export function roomTypeName(type: RoomType): string {
	switch (type) {
		case 'lab':
			return m.timetable_room_type_lab();
		case 'computer':
			return m.timetable_room_type_computer();
		case 'gym':
			return m.timetable_room_type_gym();
		case 'yard':
			return m.timetable_room_type_yard();
		default:
			return m.timetable_room_type_other();
	}
}
