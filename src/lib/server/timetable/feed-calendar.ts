import { isHttpError } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import * as m from '../../paraglide/messages';
import { cellSubject, coverWhat } from '../../i18n/timetable';
import { todayIso } from '../../dates';
import { periodTimes, vietnamInstant, type Bells } from '../../timetable/bells';
import { writeCalendar, type CalendarEvent } from '../../timetable/ical';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import type { TimetableLesson } from '../api/paths/timetable';
import { notFound } from '../auth/access/common';
import { apiTimetable } from './api';
import { bellsOf } from './bells';
import { feedWeeks } from './feeds';

type Db = Kysely<Database>;

const PRODID = '-//Truong So//Thoi khoa bieu//VI';

function eventOf(
	l: TimetableLesson,
	uid: string,
	bells: Bells,
	summary: string,
	description: string | undefined,
	cancelled = false
): CalendarEvent {
	const { start, end } = periodTimes(bells, l.period);
	return {
		uid,
		start: vietnamInstant(l.date, start),
		end: vietnamInstant(l.date, end),
		summary,
		description,
		status: cancelled ? 'CANCELLED' : 'CONFIRMED'
	};
}

const what = (c: NonNullable<TimetableLesson['cover']>) =>
	coverWhat({ ...c, staffName: c.substituteName });

/** Runs the weeks of a feed through the API's service (the same scope checks), week by week. */
async function feedLessons(
	db: Db,
	principal: Principal,
	schoolId: number,
	q: { class?: number; teacher?: number },
	today: string
): Promise<TimetableLesson[]> {
	const out: TimetableLesson[] = [];
	for (const week of feedWeeks(today))
		out.push(...(await apiTimetable(db, principal, schoolId, { ...q, week })).lessons);
	return out;
}

/**
 * A teacher's calendar: their periods at every school where they teach, and the periods they
 * cover; their own periods covered by someone else are CANCELLED with who covers.
 */
export async function teacherCalendar(db: Db, principal: Principal, today = todayIso()) {
	const staff = await db
		.selectFrom('staff')
		.select(['id', 'school_id'])
		.where('user_id', '=', principal.userId)
		.where('active', '=', true)
		.execute();
	const bellsBySchool = await bellsOf(db, [...new Set(staff.map((s) => s.school_id))]);
	const events: CalendarEvent[] = [];
	for (const s of staff) {
		let lessons: TimetableLesson[];
		try {
			lessons = await feedLessons(db, principal, s.school_id, { teacher: s.id }, today);
		} catch (err) {
			if (isHttpError(err) && err.status === 404) continue;
			throw err;
		}
		const bells = bellsBySchool.get(s.school_id)!;
		for (const l of lessons) {
			const covering = l.cover?.substituteId === s.id;
			const coveredAway = !!l.cover && !covering;
			events.push(
				eventOf(
					l,
					`t${s.id}-${l.date}-p${l.period}-c${l.classId}@truong-so`,
					bells,
					`${cellSubject(l)} · ${l.className}`,
					covering
						? m.timetable_cover_note({ name: l.cover!.absentName })
						: coveredAway
							? what(l.cover!)
							: undefined,
					coveredAway
				)
			);
		}
	}
	return writeCalendar({
		name: m.timetable_feed_teacher_name({ name: principal.name }),
		prodId: PRODID,
		events,
		stamp: new Date()
	});
}

/** A class's calendar (the caller must see the class's timetable: 404 otherwise). */
export async function classCalendar(
	db: Db,
	principal: Principal,
	classId: number,
	today = todayIso()
) {
	const cls = await db
		.selectFrom('classes')
		.select(['id', 'name', 'school_id'])
		.where('id', '=', classId)
		.executeTakeFirst();
	if (!cls) notFound();
	const lessons = await feedLessons(db, principal, cls.school_id, { class: cls.id }, today);
	const bells = (await bellsOf(db, [cls.school_id])).get(cls.school_id)!;
	return writeCalendar({
		name: m.timetable_feed_class_name({ className: cls.name }),
		prodId: PRODID,
		events: lessons.map((l) =>
			eventOf(
				l,
				`c${l.classId}-${l.date}-p${l.period}@truong-so`,
				bells,
				`${cellSubject(l)} · ${l.teacherName}`,
				l.cover ? what(l.cover) : undefined
			)
		),
		stamp: new Date()
	});
}
