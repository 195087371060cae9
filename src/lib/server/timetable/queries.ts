import type { Kysely } from 'kysely';
import { todayIso } from '../../dates';
import type { Database } from '../db/schema';
import {
	DEFAULT_SETTINGS,
	slotsInWeek,
	weeklyRequirements,
	type RosterInput,
	type WeekSettings
} from './problem';

type Db = Kysely<Database>;

/** The school's week, or the default (6 days, morning only, 5 periods) when never saved. */
export async function weekSettings(
	db: Db,
	schoolId: number
): Promise<WeekSettings & { version: number }> {
	const row = await db
		.selectFrom('timetable_settings')
		.select(['days', 'sessions', 'periods_per_session', 'version'])
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return row
		? {
				days: row.days,
				sessions: row.sessions,
				periodsPerSession: row.periods_per_session,
				version: row.version
			}
		: { ...DEFAULT_SETTINGS, version: 0 };
}

/** The semester of the current school year that contains `day` (else the last one begun, else the first). */
export async function currentSemester(db: Db, day = todayIso()) {
	const rows = await db
		.selectFrom('semesters as s')
		.innerJoin('school_years as y', 'y.id', 's.school_year_id')
		.select(['s.id', 's.number', 's.starts_on', 's.ends_on', 's.school_year_id'])
		.where('y.is_current', '=', true)
		.orderBy('s.number')
		.execute();
	return (
		rows.find((s) => s.starts_on <= day && day <= s.ends_on) ??
		[...rows].reverse().find((s) => s.starts_on <= day) ??
		rows[0] ??
		null
	);
}

const levelOfGrade = (grade: number) => (grade <= 5 ? 'TH' : grade <= 9 ? 'THCS' : 'THPT');

/** Everything the problem of the school is built from (current school year, active rows). */
export async function rosterInput(db: Db, schoolId: number): Promise<RosterInput> {
	const school = await db
		.selectFrom('schools')
		.select(['name'])
		.where('id', '=', schoolId)
		.executeTakeFirstOrThrow();
	const classes = await db
		.selectFrom('classes as c')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select(['c.id', 'c.name', 'c.grade', 'c.homeroom_staff_id as homeroomStaffId'])
		.where('c.school_id', '=', schoolId)
		.where('c.active', '=', true)
		.where('y.is_current', '=', true)
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.execute();
	const classIds = classes.map((c) => c.id);
	const grades = [...new Set(classes.map((c) => c.grade))];
	const subjectRows = grades.length
		? await db
				.selectFrom('subject_periods as sp')
				.innerJoin('subjects as s', 's.id', 'sp.subject_id')
				.select([
					's.id',
					's.code',
					's.level',
					's.name_vi as name',
					'sp.grade',
					'sp.periods_per_year as periodsPerYear'
				])
				.where('sp.grade', 'in', grades)
				.where('sp.periods_per_year', '>', 0)
				.orderBy('s.sort_order')
				.orderBy('s.id')
				.execute()
		: [];
	// A subject of the level the grade belongs to (a TH&THCS school has both).
	const subjects = subjectRows
		.filter((s) => s.level === levelOfGrade(s.grade))
		.map(({ level: _, ...s }) => s);
	const assignments = classIds.length
		? await db
				.selectFrom('teaching_assignments as ta')
				.innerJoin('staff', 'staff.id', 'ta.staff_id')
				.select(['ta.class_id as classId', 'ta.subject_id as subjectId', 'ta.staff_id as staffId'])
				.where('ta.class_id', 'in', classIds)
				.where('staff.active', '=', true)
				.execute()
		: [];
	const requirements = await db
		.selectFrom('timetable_requirements')
		.select([
			'class_id as classId',
			'subject_id as subjectId',
			'periods_per_week as periodsPerWeek'
		])
		.where('school_id', '=', schoolId)
		.execute();
	const staff = await db
		.selectFrom('staff')
		.select(['id', 'full_name as name'])
		.where('school_id', '=', schoolId)
		.where('active', '=', true)
		.orderBy('name_sort')
		.execute();
	const { version: _, ...settings } = await weekSettings(db, schoolId);
	const unavailable = (
		await db
			.selectFrom('timetable_unavailability')
			.select(['staff_id', 'slots'])
			.where('school_id', '=', schoolId)
			.execute()
	)
		.map((r) => ({ staffId: r.staff_id, slots: slotsInWeek(r.slots, settings) }))
		.filter((r) => r.slots.length > 0);
	const rooms = await db
		.selectFrom('timetable_rooms')
		.select(['id', 'name', 'type', 'capacity'])
		.where('school_id', '=', schoolId)
		.orderBy('id')
		.execute();
	const roomNeeds = await db
		.selectFrom('timetable_subject_rooms')
		.select(['subject_id as subjectId', 'room_type as roomType'])
		.where('school_id', '=', schoolId)
		.execute();
	return {
		schoolName: school.name,
		settings,
		classes,
		subjects,
		assignments,
		requirements,
		staff,
		unavailable,
		rooms,
		roomNeeds
	};
}

/** The weekly periods of one class of the school: the programme's figure and the admin's. */
export async function classRequirements(db: Db, schoolId: number, classId: number) {
	const input = await rosterInput(db, schoolId);
	if (!input.classes.some((c) => c.id === classId)) return null;
	const versions = new Map(
		(
			await db
				.selectFrom('timetable_requirements')
				.select(['subject_id', 'version'])
				.where('class_id', '=', classId)
				.execute()
		).map((r) => [r.subject_id, r.version])
	);
	const teacher = new Map(
		input.assignments
			.filter((a) => a.classId === classId)
			.map((a) => [a.subjectId, input.staff.find((s) => s.id === a.staffId)?.name ?? null])
	);
	return weeklyRequirements(input)
		.filter((r) => r.classId === classId)
		.map((r) => ({
			subjectId: r.subject.id,
			subjectName: r.subject.name,
			programme: r.programme,
			periodsPerWeek: r.periodsPerWeek,
			edited: r.edited,
			version: versions.get(r.subject.id) ?? 0,
			teacher: teacher.get(r.subject.id) ?? null
		}));
}
