/**
 * Saving a FET import (fet-import.ts): teachers' not-available times, classes' weekly periods, the
 * file's rooms the school has not got and the room type of the subjects it gives rooms,
 * every id checked against the school again (the changes come back from the page), all in one
 * transaction with one audit entry: everything or nothing.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { MAX_IMPORTED_ROOMS } from '../../timetable/rooms';
import { periodsPerDay } from './problem';
import { weekSettings } from './queries';
import type { FetChanges } from './fet-import';

type Db = Kysely<Database>;
type Trx = Kysely<Database>;

/** The preview and the save refuse the same files: more new rooms than one import may add. */
export function checkRoomCount(changes: Pick<FetChanges, 'rooms'>) {
	if (changes.rooms.length > MAX_IMPORTED_ROOMS)
		throw new DomainError('timetable_fet_too_many_rooms', {
			count: changes.rooms.length,
			max: MAX_IMPORTED_ROOMS
		});
}

export async function checkIds(trx: Trx, schoolId: number, changes: FetChanges) {
	checkRoomCount(changes);
	const staffIds = [...new Set(changes.unavailable.map((u) => u.staffId))];
	if (staffIds.length !== changes.unavailable.length) throw new DomainError('v_invalid');
	const staff = staffIds.length
		? await trx
				.selectFrom('staff')
				.select('id')
				.where('school_id', '=', schoolId)
				.where('active', '=', true)
				.where('id', 'in', staffIds)
				.execute()
		: [];
	if (staff.length !== staffIds.length) throw new DomainError('v_not_found');
	const classIds = [...new Set(changes.requirements.map((r) => r.classId))];
	const classes = classIds.length
		? await trx
				.selectFrom('classes as c')
				.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
				.select(['c.id', 'c.grade'])
				.where('c.school_id', '=', schoolId)
				.where('c.active', '=', true)
				.where('y.is_current', '=', true)
				.where('c.id', 'in', classIds)
				.execute()
		: [];
	if (classes.length !== classIds.length) throw new DomainError('v_not_found');
	const grades = [...new Set(classes.map((c) => c.grade))];
	const allowed = grades.length
		? await trx
				.selectFrom('subject_periods')
				.select(['grade', 'subject_id'])
				.where('grade', 'in', grades)
				.where('periods_per_year', '>', 0)
				.execute()
		: [];
	const ok = new Set(allowed.map((a) => `${a.grade}:${a.subject_id}`));
	const gradeOf = new Map(classes.map((c) => [c.id, c.grade]));
	for (const r of changes.requirements)
		if (!ok.has(`${gradeOf.get(r.classId)}:${r.subjectId}`)) throw new DomainError('v_not_found');
	// a subject's room type: only subjects taught at the school (as on the rooms page)
	const subjectIds = [...new Set(changes.roomNeeds.map((n) => n.subjectId))];
	if (subjectIds.length !== changes.roomNeeds.length) throw new DomainError('v_invalid');
	const taught = subjectIds.length
		? await trx
				.selectFrom('teaching_assignments')
				.select('subject_id')
				.distinct()
				.where('school_id', '=', schoolId)
				.where('subject_id', 'in', subjectIds)
				.execute()
		: [];
	if (taught.length !== subjectIds.length) throw new DomainError('v_not_found');
}

/** Writes the teachers' times and the classes' weekly periods (ids checked by `checkIds`). */
export async function writeFetChanges(
	trx: Trx,
	userId: number,
	schoolId: number,
	changes: FetChanges
): Promise<void> {
	const week = await weekSettings(trx, schoolId);
	const periods = periodsPerDay(week);
	for (const u of changes.unavailable) {
		if (u.slots.some(([d, p]) => d >= week.days || p >= periods))
			throw new DomainError('timetable_unavailable_out_of_week');
		const slots = [...new Set(u.slots.map(([d, p]) => d * 16 + p))].sort((a, b) => a - b);
		await trx
			.insertInto('timetable_unavailability')
			.values({ school_id: schoolId, staff_id: u.staffId, slots, updated_by: userId })
			.onConflict((oc) =>
				oc.column('staff_id').doUpdateSet((eb) => ({
					slots,
					updated_by: userId,
					updated_at: new Date(),
					version: eb('timetable_unavailability.version', '+', 1)
				}))
			)
			.execute();
	}
	// rooms by name: one the school has got already (a second import) is left as it is
	for (const room of changes.rooms)
		await trx
			.insertInto('timetable_rooms')
			.values({ school_id: schoolId, ...room, created_by: userId })
			.onConflict((oc) => oc.columns(['school_id', 'name']).doNothing())
			.execute();
	for (const n of changes.roomNeeds)
		await trx
			.insertInto('timetable_subject_rooms')
			.values({
				school_id: schoolId,
				subject_id: n.subjectId,
				room_type: n.roomType,
				updated_by: userId
			})
			.onConflict((oc) =>
				oc.columns(['school_id', 'subject_id']).doUpdateSet({
					room_type: n.roomType,
					updated_by: userId,
					updated_at: new Date()
				})
			)
			.execute();
	for (const r of changes.requirements)
		await trx
			.insertInto('timetable_requirements')
			.values({
				school_id: schoolId,
				class_id: r.classId,
				subject_id: r.subjectId,
				periods_per_week: r.periodsPerWeek,
				updated_by: userId
			})
			.onConflict((oc) =>
				oc.columns(['class_id', 'subject_id']).doUpdateSet((eb) => ({
					periods_per_week: r.periodsPerWeek,
					updated_by: userId,
					updated_at: new Date(),
					version: eb('timetable_requirements.version', '+', 1)
				}))
			)
			.execute();
}

export async function applyFetImport(
	db: Db,
	actor: Actor,
	schoolId: number,
	changes: FetChanges
): Promise<{ teachers: number; requirements: number; rooms: number; roomNeeds: number }> {
	return db.transaction().execute(async (trx) => {
		await checkIds(trx, schoolId, changes);
		const userId = actor.principal.userId;
		await writeFetChanges(trx, userId, schoolId, changes);
		const result = {
			teachers: changes.unavailable.length,
			requirements: changes.requirements.length,
			rooms: changes.rooms.length,
			roomNeeds: changes.roomNeeds.length
		};
		await writeAudit(trx, {
			actorUserId: userId,
			action: 'timetable.fet_import',
			entity: 'schools',
			entityId: schoolId,
			schoolId,
			before: null,
			after: { ...result, ...changes },
			requestId: actor.requestId
		});
		return result;
	});
}
