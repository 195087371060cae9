import { sql, type Kysely } from 'kysely';
import { todayIso } from '../../dates';
import type { Principal } from '../auth/session';
import { studentWhere } from '../auth/access/classes';
import type { Database, TimetableCellKind, TimetableStatus } from '../db/schema';
import { bellsOf } from './bells';
import { periodLabels } from '../../timetable/bells';

type Db = Kysely<Database>;

export interface GridCell {
	day: number;
	period: number;
	kind: TimetableCellKind;
	classId: number;
	className: string;
	subjectName: string;
	staffId: number;
	teacherName: string;
}

export interface Grid {
	versionId: number;
	effectiveFrom: string;
	days: number;
	periodsPerDay: number;
	cells: GridCell[];
}

const shape = sql<number>`jsonb_array_length(problem->'days')`;
const periods = sql<number>`(problem->>'periodsPerDay')::int`;

/** The versions of a school, newest first, with the job's progress while one is generating. */
export async function listVersions(db: Db, schoolId: number) {
	return db
		.selectFrom('timetable_versions as v')
		.leftJoin('jobs as j', 'j.id', 'v.job_id')
		.innerJoin('semesters as s', 's.id', 'v.semester_id')
		.select([
			'v.id',
			'v.status',
			'v.version',
			'v.seed',
			'v.time_limit_seconds as timeLimitSeconds',
			'v.figures',
			'v.unplaced',
			'v.error',
			'v.effective_from as effectiveFrom',
			'v.created_at as createdAt',
			'v.published_at as publishedAt',
			's.number as semester',
			'j.status as jobStatus',
			'j.progress as progress'
		])
		.where('v.school_id', '=', schoolId)
		.orderBy('v.id', 'desc')
		.limit(50)
		.execute();
}

/** Locked cells per draft of the school (drafts without locks are left out). */
export async function lockedCounts(db: Db, schoolId: number): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('timetable_cells as c')
		.innerJoin('timetable_versions as v', 'v.id', 'c.version_id')
		.select(['c.version_id as id', (eb) => eb.fn.countAll<string>().as('n')])
		.where('c.school_id', '=', schoolId)
		.where('c.locked', '=', true)
		.where('v.status', '=', 'draft')
		.groupBy('c.version_id')
		.execute();
	return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

/** One version of the school (null when it is not the school's). */
export async function schoolVersion(db: Db, schoolId: number, versionId: number) {
	return db
		.selectFrom('timetable_versions')
		.select([
			'id',
			'status',
			'version',
			'figures',
			'unplaced',
			'effective_from as effectiveFrom',
			shape.as('days'),
			periods.as('periodsPerDay')
		])
		.where('id', '=', versionId)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
}

/** The published version in force on `day` at each of these schools. */
export async function versionsInForce(
	db: Db,
	schoolIds: number[],
	day = todayIso()
): Promise<
	Map<number, { id: number; days: number; periodsPerDay: number; effectiveFrom: string }>
> {
	if (!schoolIds.length) return new Map();
	const rows = await db
		.selectFrom('timetable_versions')
		.distinctOn('school_id')
		.select(['school_id', 'id', 'effective_from', shape.as('days'), periods.as('periodsPerDay')])
		.where('school_id', 'in', schoolIds)
		.where('status', '=', 'published')
		.where('effective_from', '<=', day)
		.orderBy('school_id')
		.orderBy('effective_from', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return new Map(
		rows.map((r) => [
			r.school_id,
			{ id: r.id, days: r.days, periodsPerDay: r.periodsPerDay, effectiveFrom: r.effective_from! }
		])
	);
}

/** Cells of versions, filtered by class or teacher, with the names the grid shows. */
export async function gridCells(
	db: Db,
	versionIds: number[],
	filter: { classIds?: number[]; staffIds?: number[] } = {}
): Promise<(GridCell & { versionId: number })[]> {
	if (!versionIds.length) return [];
	let q = db
		.selectFrom('timetable_cells as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.innerJoin('staff as st', 'st.id', 'c.staff_id')
		.select([
			'c.version_id as versionId',
			'c.day',
			'c.period',
			'c.kind',
			'c.class_id as classId',
			'cl.name as className',
			's.name_vi as subjectName',
			'c.staff_id as staffId',
			'st.full_name as teacherName'
		])
		.where('c.version_id', 'in', versionIds);
	if (filter.classIds) {
		if (!filter.classIds.length) return [];
		q = q.where('c.class_id', 'in', filter.classIds);
	}
	if (filter.staffIds) {
		if (!filter.staffIds.length) return [];
		q = q.where('c.staff_id', 'in', filter.staffIds);
	}
	return q.orderBy('c.day').orderBy('c.period').orderBy('cl.name').execute();
}

export const STATUSES: TimetableStatus[] = [
	'generating',
	'draft',
	'published',
	'cancelled',
	'failed'
];

/** The caller's own periods in the published timetables in force at their schools. */
export async function teacherWeek(db: Db, userId: number, day = todayIso()) {
	const staff = await db
		.selectFrom('staff')
		.select(['id', 'school_id'])
		.where('user_id', '=', userId)
		.where('active', '=', true)
		.execute();
	const schoolIds = [...new Set(staff.map((s) => s.school_id))];
	// the bells are read beside the versions and cells, not after them
	const [{ versions, cells }, bells] = await Promise.all([
		versionsInForce(db, schoolIds, day).then(async (versions) => ({
			versions,
			cells: await gridCells(
				db,
				[...versions.values()].map((v) => v.id),
				{ staffIds: staff.map((s) => s.id) }
			)
		})),
		bellsOf(db, schoolIds)
	]);
	const shape = [...versions.values()];
	/** the clock times of each version's periods, from its school's bells */
	const periodTimes = new Map(
		[...versions].map(([schoolId, v]) => [
			v.id,
			periodLabels(bells.get(schoolId)!, v.periodsPerDay)
		])
	);
	return {
		days: Math.max(0, ...shape.map((v) => v.days)),
		periodsPerDay: Math.max(0, ...shape.map((v) => v.periodsPerDay)),
		cells,
		staffIds: staff.map((s) => s.id),
		periodTimes
	};
}

/** The published timetable in force of each of these classes (the parent's view of a child). */
export async function classTimetables(db: Db, classIds: number[], day = todayIso()) {
	if (!classIds.length) return new Map<number, Grid>();
	const classes = await db
		.selectFrom('classes')
		.select(['id', 'school_id as schoolId'])
		.where('id', 'in', classIds)
		.execute();
	return timetablesOfClasses(db, classes, day);
}

/** As `classTimetables`, for classes whose school the caller already knows. */
export async function timetablesOfClasses(
	db: Db,
	classes: { id: number; schoolId: number }[],
	day = todayIso()
) {
	const out = new Map<number, Grid>();
	if (!classes.length) return out;
	const versions = await versionsInForce(db, [...new Set(classes.map((c) => c.schoolId))], day);
	const cells = await gridCells(
		db,
		[...versions.values()].map((v) => v.id),
		{ classIds: classes.map((c) => c.id) }
	);
	for (const c of classes) {
		const v = versions.get(c.schoolId);
		if (!v) continue;
		out.set(c.id, {
			versionId: v.id,
			effectiveFrom: v.effectiveFrom,
			days: v.days,
			periodsPerDay: v.periodsPerDay,
			cells: cells.filter((x) => x.classId === c.id && x.versionId === v.id)
		});
	}
	return out;
}

/**
 * The published timetable in force of each class, as the parent's home shows it: the day it took
 * effect and the class's periods in the week (counted, not read). Classes come with their school.
 */
export async function classTimetableSizes(
	db: Db,
	classes: { id: number; schoolId: number }[],
	day = todayIso()
): Promise<Map<number, { effectiveFrom: string; periods: number }>> {
	if (!classes.length) return new Map();
	const versions = await versionsInForce(db, [...new Set(classes.map((c) => c.schoolId))], day);
	if (!versions.size) return new Map();
	const counts = await db
		.selectFrom('timetable_cells')
		.select(['version_id', 'class_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where(
			'version_id',
			'in',
			[...versions.values()].map((v) => v.id)
		)
		.where(
			'class_id',
			'in',
			classes.map((c) => c.id)
		)
		.groupBy(['version_id', 'class_id'])
		.execute();
	const out = new Map<number, { effectiveFrom: string; periods: number }>();
	for (const c of classes) {
		const v = versions.get(c.schoolId);
		if (!v) continue;
		const n = counts.find((r) => r.class_id === c.id && r.version_id === v.id)?.n ?? 0;
		out.set(c.id, { effectiveFrom: v.effectiveFrom, periods: Number(n) });
	}
	return out;
}

/** A child's class timetable, for the child's own guardian only (null: not theirs, or no class). */
export async function childTimetable(db: Db, principal: Principal, studentId: number) {
	const child = await db
		.selectFrom('students')
		.leftJoin('classes', 'classes.id', 'students.class_id')
		.select([
			'students.id',
			'students.full_name',
			'students.class_id',
			'students.school_id',
			'classes.name as className'
		])
		.where('students.id', '=', studentId)
		.where(studentWhere(principal, 'student.family'))
		.executeTakeFirst();
	if (!child) return null;
	const grid =
		child.class_id === null
			? undefined
			: (await timetablesOfClasses(db, [{ id: child.class_id, schoolId: child.school_id }])).get(
					child.class_id
				);
	return { child, grid: grid ?? null };
}
