import { formatDate } from '$lib/dates';
import { minuteText, sortRanges, vietnamClock, type OfficeRange } from '$lib/messages/office-hours';
import * as m from '$lib/paraglide/messages';

/** Names of the weekdays 1 = Monday .. 7 = Sunday, in the reader's language. */
const NAMES = [
	m.officehours_weekday_1,
	m.officehours_weekday_2,
	m.officehours_weekday_3,
	m.officehours_weekday_4,
	m.officehours_weekday_5,
	m.officehours_weekday_6,
	m.officehours_weekday_7
];

export const weekdayName = (weekday: number) => NAMES[weekday - 1]();

/** One line per weekday with hours: 'Thứ Hai', '07:00–11:00, 13:30–17:00'. */
export function officeHoursLines(ranges: readonly OfficeRange[]) {
	const sorted = sortRanges(ranges);
	const days = [...new Set(sorted.map((r) => r.weekday))];
	return days.map((weekday) => ({
		weekday,
		day: weekdayName(weekday),
		hours: sorted
			.filter((r) => r.weekday === weekday)
			.map((r) => `${minuteText(r.start)}–${minuteText(r.end)}`)
			.join(', ')
	}));
}

/** "Thầy/cô sẽ trả lời trong giờ làm việc: từ 07:00 Thứ Hai, 07/12/2026." */
export function nextStartText(next: Date): string {
	const { weekday, minute } = vietnamClock(next);
	return m.officehours_conv_outside({
		time: minuteText(minute),
		weekday: weekdayName(weekday),
		date: formatDate(next)
	});
}
