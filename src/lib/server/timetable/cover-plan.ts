/**
 * Cover for absent teachers: the lessons an absence touches (the absent teacher's cells in the
 * published version in force on each date) and the substitutes proposed for each: free at that
 * slot (no lesson of their own, no other cover, not absent themselves), within the school's daily
 * maximum (their own lessons that day plus covers), ranked: teaches the subject, teaches the
 * class, fewest covers this month, lightest day. A handful of set queries for the whole absence,
 * never one per lesson. Relative imports: the seed uses this module.
 */
import type { Kysely } from 'kysely';
import { addDays } from '../../dates';
import type { Database, TimetableCoverKind } from '../db/schema';

import { weekdayOf, type Absence } from './cover-absences';

type Db = Kysely<Database>;

/** how many substitutes a lesson lists */
const PROPOSALS = 6;

async function versionsByDate(db: Db, schoolId: number, from: string, to: string) {
	const versions = await db
		.selectFrom('timetable_versions')
		.select(['id', 'effective_from'])
		.where('school_id', '=', schoolId)
		.where('status', '=', 'published')
		.where('effective_from', '<=', to)
		.orderBy('effective_from', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const out = new Map<string, number>();
	for (let day = from; day <= to; day = addDays(day, 1)) {
		const v = versions.find((x) => x.effective_from! <= day);
		if (v) out.set(day, v.id);
	}
	return out;
}

export interface CoverSlot {
	day: string;
	period: number;
	classId: number;
	className: string;
	subjectId: number;
	subjectName: string;
	/** the cover already recorded: a substitute, self-study or a merged class */
	cover: {
		id: number;
		kind: TimetableCoverKind;
		staffId: number | null;
		staffName: string | null;
		mergedClassName: string | null;
	} | null;
}

/** The absent teacher's lessons that the absence touches, by date and period. */
export async function affectedLessons(db: Db, schoolId: number, a: Absence): Promise<CoverSlot[]> {
	const byDate = await versionsByDate(db, schoolId, a.startsOn, a.endsOn);
	const versionIds = [...new Set(byDate.values())];
	if (!versionIds.length) return [];
	const cells = await db
		.selectFrom('timetable_cells as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.select([
			'c.version_id',
			'c.day',
			'c.period',
			'c.class_id',
			'cl.name as className',
			'c.subject_id',
			'c.kind',
			's.name_vi as subjectName'
		])
		.where('c.version_id', 'in', versionIds)
		.where('c.staff_id', '=', a.staffId)
		.execute();
	const covers = await db
		.selectFrom('timetable_covers as c')
		.leftJoin('staff as s', 's.id', 'c.staff_id')
		.leftJoin('classes as mc', 'mc.id', 'c.merged_class_id')
		.select([
			'c.id',
			'c.day',
			'c.period',
			'c.class_id',
			'c.kind',
			'c.staff_id',
			's.full_name',
			'mc.name as mergedClassName'
		])
		.where('c.absence_id', '=', a.id)
		.execute();
	const coverAt = new Map(covers.map((c) => [`${c.day}|${c.period}|${c.class_id}`, c]));
	const periods = a.periods ? new Set(a.periods) : null;
	const out: CoverSlot[] = [];
	for (const [day, versionId] of byDate) {
		const weekday = weekdayOf(day);
		for (const c of cells) {
			if (c.version_id !== versionId || c.day !== weekday) continue;
			if (periods && !periods.has(c.period)) continue;
			const cover = coverAt.get(`${day}|${c.period}|${c.class_id}`);
			out.push({
				day,
				period: c.period,
				classId: c.class_id,
				className: c.className,
				subjectId: c.subject_id,
				subjectName: c.subjectName,
				cover: cover
					? {
							id: cover.id,
							kind: cover.kind,
							staffId: cover.staff_id,
							staffName: cover.full_name,
							mergedClassName: cover.mergedClassName
						}
					: null
			});
		}
	}
	return out.sort((x, y) => x.day.localeCompare(y.day) || x.period - y.period);
}

export interface Substitute {
	staffId: number;
	name: string;
	sameSubject: boolean;
	teachesClass: boolean;
	/** covers given in the month of the lesson */
	monthCovers: number;
	/** own lessons and covers on that date */
	dayLoad: number;
}

/** Everything the proposals of an absence need, read once for its dates. */
/** Internal to the cover module (also `cover-assign.ts`): the absence's set queries. */
export async function coverContext(db: Db, schoolId: number, a: Absence) {
	const byDate = await versionsByDate(db, schoolId, a.startsOn, a.endsOn);
	const versionIds = [...new Set(byDate.values())];
	const monthStart = `${a.startsOn.slice(0, 7)}-01`;
	const monthEnd = addDays(`${addDays(`${a.endsOn.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1);
	const [staff, cells, covers, absences, subjects, settings] = await Promise.all([
		db
			.selectFrom('staff')
			.select(['id', 'full_name'])
			.where('school_id', '=', schoolId)
			.where('active', '=', true)
			.where('id', '<>', a.staffId)
			.orderBy('name_sort')
			.execute(),
		versionIds.length
			? db
					.selectFrom('timetable_cells')
					.select(['version_id', 'staff_id', 'class_id', 'day', 'period'])
					.where('version_id', 'in', versionIds)
					.execute()
			: Promise.resolve([]),
		db
			.selectFrom('timetable_covers')
			.select(['staff_id', 'day', 'period'])
			.where('school_id', '=', schoolId)
			.where('staff_id', 'is not', null)
			.$narrowType<{ staff_id: number }>()
			.where('day', '>=', monthStart)
			.where('day', '<=', monthEnd)
			.execute(),
		db
			.selectFrom('timetable_absences')
			.select(['staff_id', 'starts_on', 'ends_on', 'periods'])
			.where('school_id', '=', schoolId)
			.where('starts_on', '<=', a.endsOn)
			.where('ends_on', '>=', a.startsOn)
			.execute(),
		db
			.selectFrom('teaching_assignments')
			.select(['staff_id', 'subject_id', 'class_id'])
			.where('school_id', '=', schoolId)
			.execute(),
		db
			.selectFrom('timetable_settings')
			.select('cover_daily_max')
			.where('school_id', '=', schoolId)
			.executeTakeFirst()
	]);
	return { byDate, staff, cells, covers, absences, subjects, max: settings?.cover_daily_max ?? 5 };
}

type CoverContext = Awaited<ReturnType<typeof coverContext>>;

export function rankSubstitutes(ctx: CoverContext, lesson: CoverSlot): Substitute[] {
	const versionId = ctx.byDate.get(lesson.day);
	const weekday = weekdayOf(lesson.day);
	const month = lesson.day.slice(0, 7);
	const busy = new Set<number>();
	const load = new Map<number, number>();
	const bump = (id: number) => load.set(id, (load.get(id) ?? 0) + 1);
	for (const c of ctx.cells)
		if (c.version_id === versionId && c.day === weekday) {
			bump(c.staff_id);
			if (c.period === lesson.period) busy.add(c.staff_id);
		}
	const monthCovers = new Map<number, number>();
	for (const c of ctx.covers) {
		if (c.day.slice(0, 7) === month)
			monthCovers.set(c.staff_id, (monthCovers.get(c.staff_id) ?? 0) + 1);
		if (c.day === lesson.day) {
			bump(c.staff_id);
			if (c.period === lesson.period) busy.add(c.staff_id);
		}
	}
	for (const x of ctx.absences)
		if (x.starts_on <= lesson.day && lesson.day <= x.ends_on)
			if (!x.periods || x.periods.includes(lesson.period)) busy.add(x.staff_id);
	const subjectOf = new Set(ctx.subjects.map((s) => `${s.staff_id}|${s.subject_id}`));
	const classOf = new Set(ctx.subjects.map((s) => `${s.staff_id}|${s.class_id}`));
	return ctx.staff
		.filter((s) => !busy.has(s.id) && (load.get(s.id) ?? 0) < ctx.max)
		.map((s) => ({
			staffId: s.id,
			name: s.full_name,
			sameSubject: subjectOf.has(`${s.id}|${lesson.subjectId}`),
			teachesClass: classOf.has(`${s.id}|${lesson.classId}`),
			monthCovers: monthCovers.get(s.id) ?? 0,
			dayLoad: load.get(s.id) ?? 0
		}))
		.sort(
			(x, y) =>
				Number(y.sameSubject) - Number(x.sameSubject) ||
				Number(y.teachesClass) - Number(x.teachesClass) ||
				x.monthCovers - y.monthCovers ||
				x.dayLoad - y.dayLoad ||
				x.name.localeCompare(y.name, 'vi')
		);
}

/** The classes with a lesson at the slot of `lesson` (in the version in force then), but its own. */
export function mergeCandidates(ctx: CoverContext, lesson: CoverSlot): number[] {
	const versionId = ctx.byDate.get(lesson.day);
	const weekday = weekdayOf(lesson.day);
	return ctx.cells
		.filter(
			(c) =>
				c.version_id === versionId &&
				c.day === weekday &&
				c.period === lesson.period &&
				c.class_id !== lesson.classId
		)
		.map((c) => c.class_id);
}

/**
 * The lessons of an absence, each with its ranked substitutes (the first few) and the classes it
 * could be merged with (a lesson then).
 */
export async function coverPlan(db: Db, schoolId: number, a: Absence) {
	const [lessons, ctx, classes] = await Promise.all([
		affectedLessons(db, schoolId, a),
		coverContext(db, schoolId, a),
		db
			.selectFrom('classes')
			.select(['id', 'name'])
			.where('school_id', '=', schoolId)
			.orderBy('name_sort')
			.execute()
	]);
	const order = new Map(classes.map((c, i) => [c.id, i]));
	return lessons.map((lesson) => ({
		...lesson,
		substitutes: lesson.cover ? [] : rankSubstitutes(ctx, lesson).slice(0, PROPOSALS),
		mergeWith: lesson.cover
			? []
			: mergeCandidates(ctx, lesson)
					.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0))
					.map((id) => ({ id, name: classes[order.get(id) ?? 0]?.name ?? '' }))
	}));
}

/**
 * The absence (row-locked, so covers of one absence are decided one at a time) and its lesson at
 * the given slot, still without cover; refuses a lesson the absence does not touch or one covered.
 */
