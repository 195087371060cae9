/**
 * Cover for absent teachers (dạy thay). An absence covers whole days or some periods of each day
 * of a date range; the lessons it touches are the absent teacher's cells in the published version
 * in force on each date. Substitutes proposed for a lesson are free at that slot (no lesson of
 * their own, no other cover, not absent themselves), stay within the school's daily maximum
 * (their own lessons that day plus covers), and are ranked: teaches the subject, teaches the
 * class, fewest covers this month, lightest day. Everything is read with a handful of set queries
 * for the whole absence, never one per lesson. Relative imports: the seed uses this module.
 */
import type { Kysely } from 'kysely';
import { addDays, daysBetween } from '../../dates';
import { monthRange } from '../../timetable/cover';
import { writeAudit, type Actor } from '../audit';
import type { Database, TimetableCoverKind } from '../db/schema';
import { DomainError, fieldError, isUniqueViolation } from '../errors';
import { recordEvent } from '../events';

type Db = Kysely<Database>;

export const COVER_ASSIGNED = 'timetable.cover_assigned';
/** how many substitutes a lesson lists */
const PROPOSALS = 6;

export interface AbsenceInput {
	staffId: number;
	startsOn: string;
	endsOn: string;
	/** periods of each day (0-based); null: whole days */
	periods: number[] | null;
	reason: string | null;
}

/** 0 = Monday ... 6 = Sunday */
export const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export async function recordAbsence(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: AbsenceInput
): Promise<number> {
	if (input.endsOn < input.startsOn) throw fieldError('endsOn', 'timetable_absence_order');
	if (daysBetween(input.startsOn, input.endsOn) > 62)
		throw fieldError('endsOn', 'timetable_absence_too_long');
	return db.transaction().execute(async (trx) => {
		const staff = await trx
			.selectFrom('staff')
			.select('id')
			.where('id', '=', input.staffId)
			.where('school_id', '=', schoolId)
			.where('active', '=', true)
			.executeTakeFirst();
		if (!staff) throw fieldError('staffId', 'v_not_found');
		const row = await trx
			.insertInto('timetable_absences')
			.values({
				school_id: schoolId,
				staff_id: input.staffId,
				starts_on: input.startsOn,
				ends_on: input.endsOn,
				periods: input.periods,
				reason: input.reason,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.absence',
			entity: 'timetable_absences',
			entityId: row.id,
			schoolId,
			after: input,
			requestId: actor.requestId
		});
		return row.id;
	});
}

export async function deleteAbsence(db: Db, actor: Actor, schoolId: number, absenceId: number) {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('timetable_absences')
			.where('id', '=', absenceId)
			.where('school_id', '=', schoolId)
			.returning(['staff_id', 'starts_on', 'ends_on'])
			.executeTakeFirst();
		if (!row) throw new DomainError('v_not_found');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.absence_delete',
			entity: 'timetable_absences',
			entityId: absenceId,
			schoolId,
			before: row,
			requestId: actor.requestId
		});
	});
}

export async function findAbsence(db: Db, schoolId: number, absenceId: number) {
	return db
		.selectFrom('timetable_absences as a')
		.innerJoin('staff as s', 's.id', 'a.staff_id')
		.select([
			'a.id',
			'a.staff_id as staffId',
			's.full_name as staffName',
			'a.starts_on as startsOn',
			'a.ends_on as endsOn',
			'a.periods',
			'a.reason'
		])
		.where('a.id', '=', absenceId)
		.where('a.school_id', '=', schoolId)
		.executeTakeFirst();
}

export type Absence = NonNullable<Awaited<ReturnType<typeof findAbsence>>>;

/** The school's absences ending on or after `from`, soonest first, with their cover counts. */
export async function listAbsences(db: Db, schoolId: number, from: string) {
	return db
		.selectFrom('timetable_absences as a')
		.innerJoin('staff as s', 's.id', 'a.staff_id')
		.leftJoin('timetable_covers as c', 'c.absence_id', 'a.id')
		.select((eb) => [
			'a.id',
			's.full_name as staffName',
			'a.starts_on as startsOn',
			'a.ends_on as endsOn',
			'a.periods',
			'a.reason',
			eb.fn.count<string>('c.id').as('covers')
		])
		.where('a.school_id', '=', schoolId)
		.where('a.ends_on', '>=', from)
		.groupBy(['a.id', 's.full_name'])
		.orderBy('a.starts_on')
		.orderBy('a.id')
		.limit(100)
		.execute();
}

/** The published version in force on each date of [from, to] (dates without one are left out). */
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
async function coverContext(db: Db, schoolId: number, a: Absence) {
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

function rankSubstitutes(ctx: CoverContext, lesson: CoverSlot): Substitute[] {
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
function mergeCandidates(ctx: CoverContext, lesson: CoverSlot): number[] {
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
async function openLesson(
	trx: Db,
	schoolId: number,
	input: { absenceId: number; day: string; period: number; classId: number }
) {
	const a = await findAbsence(trx, schoolId, input.absenceId);
	if (!a) throw new DomainError('v_not_found');
	await trx
		.selectFrom('timetable_absences')
		.select('id')
		.where('id', '=', a.id)
		.forUpdate()
		.execute();
	const lesson = (await affectedLessons(trx, schoolId, a)).find(
		(l) => l.day === input.day && l.period === input.period && l.classId === input.classId
	);
	if (!lesson) throw new DomainError('timetable_cover_no_lesson');
	if (lesson.cover) throw new DomainError('timetable_cover_taken');
	return { a, lesson };
}

/**
 * Records that a lesson of an absence has no substitute: the class studies on its own
 * ('self_study') or joins another class that has a lesson then ('merged'). Same keys as a
 * substitute's cover: a lesson already handled is refused as taken. Audited, no notice.
 */
export async function recordCoverWithoutSubstitute(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: {
		absenceId: number;
		day: string;
		period: number;
		classId: number;
		kind: 'self_study' | 'merged';
		mergedClassId?: number;
	}
): Promise<number> {
	try {
		return await db.transaction().execute(async (trx) => {
			const { a, lesson } = await openLesson(trx, schoolId, input);
			const merged = input.kind === 'merged' ? (input.mergedClassId ?? null) : null;
			if (input.kind === 'merged') {
				const ctx = await coverContext(trx, schoolId, a);
				if (merged === null || !mergeCandidates(ctx, lesson).includes(merged))
					throw fieldError('mergedClassId', 'timetable_cover_merge_class');
			}
			const row = await trx
				.insertInto('timetable_covers')
				.values({
					school_id: schoolId,
					absence_id: a.id,
					day: input.day,
					period: input.period,
					class_id: input.classId,
					subject_id: lesson.subjectId,
					absent_staff_id: a.staffId,
					staff_id: null,
					kind: input.kind,
					merged_class_id: merged,
					created_by: actor.principal.userId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await writeAudit(trx, {
				actorUserId: actor.principal.userId,
				action: 'timetable.cover',
				entity: 'timetable_covers',
				entityId: row.id,
				schoolId,
				after: {
					kind: input.kind,
					day: input.day,
					period: input.period,
					classId: input.classId,
					subjectId: lesson.subjectId,
					absentStaffId: a.staffId,
					mergedClassId: merged
				},
				requestId: actor.requestId
			});
			return row.id;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new DomainError('timetable_cover_taken');
		throw err;
	}
}

/**
 * Assigns a substitute to one lesson of an absence. The lesson must be one the absence touches,
 * the substitute one the proposals allow (checked again here); a concurrent second cover of the
 * lesson or of the substitute at that slot is refused by the keys. Records `timetable.cover_assigned`.
 */
export async function assignCover(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: { absenceId: number; day: string; period: number; classId: number; staffId: number }
): Promise<number> {
	try {
		return await db.transaction().execute(async (trx) => {
			const { a, lesson } = await openLesson(trx, schoolId, input);
			const allowed = rankSubstitutes(await coverContext(trx, schoolId, a), lesson);
			if (!allowed.some((s) => s.staffId === input.staffId))
				throw fieldError('staffId', 'timetable_cover_not_free');
			const row = await trx
				.insertInto('timetable_covers')
				.values({
					school_id: schoolId,
					absence_id: a.id,
					day: input.day,
					period: input.period,
					class_id: input.classId,
					subject_id: lesson.subjectId,
					absent_staff_id: a.staffId,
					staff_id: input.staffId,
					created_by: actor.principal.userId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const payload = {
				day: input.day,
				period: input.period,
				classId: input.classId,
				subjectId: lesson.subjectId,
				staffId: input.staffId,
				absentStaffId: a.staffId,
				// names for the substitute's automatic notice
				className: lesson.className,
				subject: lesson.subjectName,
				absentName: a.staffName
			};
			await recordEvent(trx, {
				module: 'timetable',
				kind: COVER_ASSIGNED,
				subjectType: 'timetable_cover',
				subjectId: row.id,
				schoolId,
				payload,
				createdBy: actor.principal.userId
			});
			await writeAudit(trx, {
				actorUserId: actor.principal.userId,
				action: 'timetable.cover',
				entity: 'timetable_covers',
				entityId: row.id,
				schoolId,
				after: payload,
				requestId: actor.requestId
			});
			return row.id;
		});
	} catch (err) {
		if (isUniqueViolation(err)) throw new DomainError('timetable_cover_taken');
		throw err;
	}
}

/** Removes a cover (of `absenceId` when given); a cover already gone: `v_not_found`. */
export async function removeCover(
	db: Db,
	actor: Actor,
	schoolId: number,
	coverId: number,
	absenceId?: number
) {
	await db.transaction().execute(async (trx) => {
		let del = trx
			.deleteFrom('timetable_covers')
			.where('id', '=', coverId)
			.where('school_id', '=', schoolId);
		if (absenceId !== undefined) del = del.where('absence_id', '=', absenceId);
		const row = await del.returning(['day', 'period', 'class_id', 'staff_id']).executeTakeFirst();
		if (!row) throw new DomainError('v_not_found');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.cover_remove',
			entity: 'timetable_covers',
			entityId: coverId,
			schoolId,
			before: row,
			requestId: actor.requestId
		});
	});
}

/**
 * Covers on the dates [from, to] given by these staff, held in these classes or of the lessons of
 * these absent staff, with names (a self-study or merged-class cover has no substitute).
 */
export async function coversBetween(
	db: Db,
	filter: { staffIds?: number[]; classIds?: number[]; absentStaffIds?: number[] },
	from: string,
	to: string
) {
	const column = filter.staffIds
		? 'c.staff_id'
		: filter.classIds
			? 'c.class_id'
			: 'c.absent_staff_id';
	const ids = filter.staffIds ?? filter.classIds ?? filter.absentStaffIds ?? [];
	if (!ids.length) return [];
	return db
		.selectFrom('timetable_covers as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.leftJoin('staff as st', 'st.id', 'c.staff_id')
		.innerJoin('staff as ab', 'ab.id', 'c.absent_staff_id')
		.leftJoin('classes as mc', 'mc.id', 'c.merged_class_id')
		.select([
			'c.id',
			'c.day',
			'c.period',
			'c.kind',
			'c.class_id as classId',
			'cl.name as className',
			's.name_vi as subjectName',
			'c.staff_id as staffId',
			'st.full_name as staffName',
			'c.absent_staff_id as absentStaffId',
			'ab.full_name as absentName',
			'mc.name as mergedClassName'
		])
		.where(column, 'in', ids)
		.where('c.day', '>=', from)
		.where('c.day', '<=', to)
		.orderBy('c.day')
		.orderBy('c.period')
		.execute();
}

/**
 * Per teacher of the school in a month (`yyyy-mm`): periods covered for others (`given`), own
 * lessons covered (`covered`) and absences overlapping the month (`absences`).
 */
export async function coverReport(db: Db, schoolId: number, month: string) {
	const { from, to } = monthRange(month);
	const [rows, absences] = await Promise.all([
		db
			.selectFrom('timetable_covers')
			.select(['staff_id', 'absent_staff_id'])
			.where('school_id', '=', schoolId)
			.where('day', '>=', from)
			.where('day', '<=', to)
			.execute(),
		db
			.selectFrom('timetable_absences')
			.select('staff_id')
			.where('school_id', '=', schoolId)
			.where('starts_on', '<=', to)
			.where('ends_on', '>=', from)
			.execute()
	]);
	const count = (ids: number[]) => {
		const out = new Map<number, number>();
		for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
		return out;
	};
	const given = count(rows.flatMap((r) => (r.staff_id === null ? [] : [r.staff_id])));
	const taken = count(rows.map((r) => r.absent_staff_id));
	const away = count(absences.map((r) => r.staff_id));
	const ids = [...new Set([...given.keys(), ...taken.keys(), ...away.keys()])];
	const staff = ids.length
		? await db
				.selectFrom('staff')
				.select(['id', 'code', 'full_name'])
				.where('id', 'in', ids)
				.where('school_id', '=', schoolId)
				.execute()
		: [];
	return staff
		.map((s) => ({
			staffId: s.id,
			code: s.code,
			name: s.full_name,
			given: given.get(s.id) ?? 0,
			covered: taken.get(s.id) ?? 0,
			absences: away.get(s.id) ?? 0
		}))
		.sort((a, b) => b.given - a.given || a.name.localeCompare(b.name, 'vi'));
}
