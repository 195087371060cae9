/**
 * A small iCalendar writer (RFC 5545) for the timetable feeds: one VCALENDAR of dated VEVENTs in
 * UTC, TEXT values escaped (§3.3.11) and content lines folded at 75 octets without splitting a
 * UTF-8 character (§3.1). Pure; relative imports only.
 */

export interface CalendarEvent {
	/** globally unique and stable across fetches, so a calendar app updates instead of adding */
	uid: string;
	start: Date;
	end: Date;
	summary: string;
	description?: string;
	location?: string;
	/** a covered period stays in the class's calendar, marked; a cancelled one would be CANCELLED */
	status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export interface Calendar {
	name: string;
	/** PRODID, e.g. "-//Truong So//Timetable//VI" */
	prodId: string;
	events: CalendarEvent[];
	/** DTSTAMP of every event: when the feed was written */
	stamp: Date;
}

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function escapeText(value: string): string {
	return (
		value
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\n/g, '\\n')
			.replace(/\t/g, ' ')
	);
}

const encoder = new TextEncoder();

/**
 * A content line folded into lines of at most 75 octets (the first) and 1 + 74 (each following
 * one, after its leading space), never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	let limit = 75;
	for (const ch of line) {
		const n = encoder.encode(ch).length;
		if (size + n > limit) {
			parts.push(current);
			current = '';
			size = 0;
			limit = 74;
		}
		current += ch;
		size += n;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** A UTC date-time, e.g. 20261207T000000Z. */
export function utcDateTime(d: Date): string {
	return d
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function eventLines(e: CalendarEvent, stamp: string): string[] {
	return [
		'BEGIN:VEVENT',
		`UID:${escapeText(e.uid)}`,
		`DTSTAMP:${stamp}`,
		`DTSTART:${utcDateTime(e.start)}`,
		`DTEND:${utcDateTime(e.end)}`,
		`SUMMARY:${escapeText(e.summary)}`,
		...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
		...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
		...(e.status ? [`STATUS:${e.status}`] : []),
		'END:VEVENT'
	];
}

/** The whole calendar as text/calendar: CRLF line ends, folded lines. */
export function writeCalendar(cal: Calendar): string {
	const stamp = utcDateTime(cal.stamp);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${cal.prodId}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(cal.name)}`,
		'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
		...cal.events.flatMap((e) => eventLines(e, stamp)),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
