import type { Kysely } from 'kysely';
import { addDays, todayIso, weekStart } from '../../dates';
import type { Principal } from '../auth/session';
import { classWhere } from '../auth/access/classes';
import { schoolWhere } from '../auth/access/school';
import { notFound } from '../auth/access/common';
import type { Database } from '../db/schema';
import type { TimetableAnswer, TimetableLesson } from '../api/paths/timetable';
import { gridCells, versionsInForce, type GridCell } from './views';
import { clockText, periodTimes, type Bells } from '../../timetable/bells';
import { savedBells } from './bells';

type Db = Kysely<Database>;

export interface TimetableQuery {
	class?: number;
	teacher?: number;
	/** any day of the week wanted */
	week?: string;
}

/**
 * Who may read which part of a school's timetable: school admins and teachers of the school
 * (`timetable.view`) the whole of it; a guardian one child's class. Anything else, or a class or
 * teacher not of this school, is a 404.
 */
async function requireTimetableScope(
	db: Db,
	principal: Principal,
	schoolId: number,
	q: TimetableQuery
): Promise<void> {
	const staffSide = await db
		.selectFrom('schools')
		.select('id')
		.where('id', '=', schoolId)
		.where(schoolWhere(principal, 'timetable.view'))
		.executeTakeFirst();
	if (q.class !== undefined) {
		let cls = db
			.selectFrom('classes')
			.select('id')
			.where('id', '=', q.class)
			.where('school_id', '=', schoolId);
		if (!staffSide) cls = cls.where(classWhere(principal, 'student.family'));
		if (!(await cls.executeTakeFirst())) notFound();
		return;
	}
	if (!staffSide) notFound();
	if (q.teacher !== undefined) {
		const staff = await db
			.selectFrom('staff')
			.select('id')
			.where('id', '=', q.teacher)
			.where('school_id', '=', schoolId)
			.executeTakeFirst();
		if (!staff) notFound();
	}
}

/** The covers of a school between two dates, with the names a lesson shows. */
export async function schoolCovers(db: Db, schoolId: number, from: string, to: string) {
	return db
		.selectFrom('timetable_covers as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.leftJoin('staff as st', 'st.id', 'c.staff_id')
		.innerJoin('staff as ab', 'ab.id', 'c.absent_staff_id')
		.leftJoin('classes as mc', 'mc.id', 'c.merged_class_id')
		.select([
			'c.day as date',
			'c.period',
			'c.kind',
			'c.class_id as classId',
			'cl.name as className',
			's.name_vi as subjectName',
			'c.staff_id as substituteId',
			'st.full_name as substituteName',
			'c.absent_staff_id as absentStaffId',
			'ab.full_name as absentName',
			'mc.name as mergedClassName'
		])
		.where('c.school_id', '=', schoolId)
		.where('c.day', '>=', from)
		.where('c.day', '<=', to)
		.orderBy('c.day')
		.orderBy('c.period')
		.execute();
}

export type SchoolCover = Awaited<ReturnType<typeof schoolCovers>>[number];

const dayIndex = (monday: string, date: string) =>
	Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${monday}T00:00:00Z`)) / 86_400_000);

const coverOf = (c: SchoolCover): NonNullable<TimetableLesson['cover']> => ({
	kind: c.kind,
	substituteId: c.substituteId,
	substituteName: c.substituteName,
	mergedClassName: c.mergedClassName,
	absentStaffId: c.absentStaffId,
	absentName: c.absentName
});

/**
 * A week's lessons: the version's cells dated from `monday`, each with the cover of its class,
 * date and period; covers whose lesson is not in the cells but belongs to what is shown (a lesson
 * the teacher covers, a class's lesson moved since) are added as lessons of their own.
 */
export function weekLessons(
	monday: string,
	cells: GridCell[],
	covers: SchoolCover[],
	belongs: (c: SchoolCover) => boolean
): TimetableLesson[] {
	const bySlot = new Map(covers.map((c) => [`${c.classId}:${c.date}:${c.period}`, c]));
	const out: TimetableLesson[] = cells.map((cell) => {
		const date = addDays(monday, cell.day);
		const key = `${cell.classId}:${date}:${cell.period}`;
		const cover = bySlot.get(key);
		if (cover) bySlot.delete(key);
		return {
			date,
			day: cell.day,
			period: cell.period,
			kind: cell.kind,
			classId: cell.classId,
			className: cell.className,
			subjectName: cell.subjectName,
			staffId: cell.staffId,
			teacherName: cell.teacherName,
			startTime: null,
			endTime: null,
			cover: cover ? coverOf(cover) : null
		};
	});
	for (const c of bySlot.values()) {
		if (!belongs(c)) continue;
		out.push({
			date: c.date,
			day: dayIndex(monday, c.date),
			period: c.period,
			kind: 'lesson',
			classId: c.classId,
			className: c.className,
			subjectName: c.subjectName,
			staffId: c.absentStaffId,
			teacherName: c.absentName,
			startTime: null,
			endTime: null,
			cover: coverOf(c)
		});
	}
	return out.sort((a, b) => a.day - b.day || a.period - b.period || a.classId - b.classId);
}

type ClockTime = { start: string; end: string };

/** A period's start and end ("07:00") from saved bells, or nulls without them. */
function clockTime(bells: Bells | null, period: number) {
	if (!bells) return { start: null, end: null };
	const t = periodTimes(bells, period);
	return { start: clockText(t.start), end: clockText(t.end) };
}

/** `GET /api/v1/schools/{id}/timetable`: the published version in force, covers applied. */
export async function apiTimetable(
	db: Db,
	principal: Principal,
	schoolId: number,
	q: TimetableQuery,
	today = todayIso()
): Promise<TimetableAnswer> {
	await requireTimetableScope(db, principal, schoolId, q);
	const monday = weekStart(q.week ?? today);
	const v = (await versionsInForce(db, [schoolId], monday)).get(schoolId);
	const to = addDays(monday, (v?.days ?? 7) - 1);
	if (!v) return { schoolId, week: { from: monday, to }, version: null, lessons: [] };
	const [cells, covers, bells] = await Promise.all([
		gridCells(db, [v.id], {
			classIds: q.class === undefined ? undefined : [q.class],
			staffIds: q.teacher === undefined ? undefined : [q.teacher]
		}),
		schoolCovers(db, schoolId, monday, to),
		savedBells(db, schoolId)
	]);
	const belongs = (c: SchoolCover) =>
		q.class !== undefined
			? c.classId === q.class
			: q.teacher !== undefined
				? c.substituteId === q.teacher || c.absentStaffId === q.teacher
				: true;
	return {
		schoolId,
		week: { from: monday, to },
		version: {
			id: v.id,
			effectiveFrom: v.effectiveFrom,
			days: v.days,
			periodsPerDay: v.periodsPerDay,
			periodTimes: bells
				? Array.from({ length: v.periodsPerDay }, (_, p) => clockTime(bells, p) as ClockTime)
				: null
		},
		lessons: weekLessons(monday, cells, covers, belongs).map((l) => {
			const t = clockTime(bells, l.period);
			return { ...l, startTime: t.start, endTime: t.end };
		})
	};
}
