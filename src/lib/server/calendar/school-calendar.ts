import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DayOff } from '../../calendar/days-off';
import {
	countAbsences,
	type CountedAbsences,
	type MakeUpDay,
	type SchoolCalendar
} from '../../calendar/school-days';
import type { Database } from '../db/schema';

/**
 * A school's whole calendar of a school year (the department's and its own days off and make-up
 * days) and the absences counted on it. Relative imports only: the year summaries (and so the demo
 * seed) use it. Two queries for the calendar, one for the absences of any number of pupils.
 */
type Db = Kysely<Database>;

export interface CalendarSchoolYear {
	schoolId: number;
	schoolYearId: number;
	startsOn: string;
	endsOn: string;
}

/** Rows of the school itself or of its department. */
const ownedBy = (schoolId: number) =>
	sql<SqlBool>`(school_id = ${schoolId} or department_id = (select department_id from schools where id = ${schoolId}))`;

export async function loadSchoolCalendar(db: Db, y: CalendarSchoolYear): Promise<SchoolCalendar> {
	const [offs, makeUps] = await Promise.all([
		db
			.selectFrom('calendar_days_off')
			.select(['id', 'starts_on', 'ends_on', 'name', 'school_id'])
			.where('school_year_id', '=', y.schoolYearId)
			.where(ownedBy(y.schoolId))
			.orderBy('starts_on')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('calendar_make_up_days')
			.select(['id', 'day', 'name', 'school_id'])
			.where('school_year_id', '=', y.schoolYearId)
			.where(ownedBy(y.schoolId))
			.orderBy('day')
			.orderBy('id')
			.execute()
	]);
	const level = (schoolId: number | null) => (schoolId === null ? 'department' : 'school');
	return {
		year: { startsOn: y.startsOn, endsOn: y.endsOn },
		offs: offs.map((r): DayOff => ({
			id: r.id,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			name: r.name,
			level: level(r.school_id)
		})),
		makeUps: makeUps.map((r): MakeUpDay => ({
			id: r.id,
			day: r.day,
			name: r.name,
			level: level(r.school_id)
		}))
	};
}

/**
 * The counted absences of pupils in a school year (every class they were in that year), between `from` and `to` (default: the year):
 * only sessions on school days count (`countAbsences`); the rest are `notCounted`. Every page
 * that shows a pupil's absences (class summary, promotion, report card, parent) counts with this.
 */
export async function countedAbsencesOf(
	db: Db,
	y: CalendarSchoolYear,
	studentIds: number[],
	between?: { from: string; to: string }
): Promise<Map<number, CountedAbsences>> {
	const out = new Map<number, CountedAbsences>();
	if (!studentIds.length) return out;
	const from = between?.from ?? y.startsOn;
	const to = between?.to ?? y.endsOn;
	const [cal, rows] = await Promise.all([
		loadSchoolCalendar(db, y),
		db
			.selectFrom('attendance_absences')
			.select((eb) => ['student_id', 'day', 'status', eb.fn.countAll<string>().as('n')])
			.where('student_id', 'in', studentIds)
			.where('day', '>=', from)
			.where('day', '<=', to)
			.groupBy(['student_id', 'day', 'status'])
			.execute()
	]);
	const byPupil = new Map<number, Array<{ day: string; status: 'excused' | 'unexcused' }>>();
	for (const r of rows) {
		const list = byPupil.get(r.student_id) ?? [];
		const status = r.status as 'excused' | 'unexcused';
		for (let i = 0; i < Number(r.n); i++) list.push({ day: r.day, status });
		byPupil.set(r.student_id, list);
	}
	for (const id of studentIds) out.set(id, countAbsences(byPupil.get(id) ?? [], cal));
	return out;
}
