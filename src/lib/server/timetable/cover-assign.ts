/**
 * Cover for absent teachers: recording a cover (a substitute, self-study or a merged class) and
 * removing it; the keys refuse a second cover of a lesson or of a substitute at a slot.
 * Relative imports: the seed uses this module.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { DomainError, fieldError, isUniqueViolation } from '../errors';
import { recordEvent } from '../events';
import { findAbsence } from './cover-absences';
import { affectedLessons, coverContext, mergeCandidates, rankSubstitutes } from './cover-plan';

type Db = Kysely<Database>;

export const COVER_ASSIGNED = 'timetable.cover_assigned';

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
