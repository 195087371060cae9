import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database, RoomType } from '../db/schema';
import { ConflictError, DomainError, writeTransaction } from '../errors';
import { allocateRooms, type Room } from '../../timetable/rooms';
import { todayIso } from '../../dates';
import { versionsInForce } from './views';

type Db = Kysely<Database>;

/** The school's special rooms, by name. */
export async function listRooms(db: Db, schoolId: number) {
	return db
		.selectFrom('timetable_rooms')
		.select(['id', 'name', 'type', 'capacity'])
		.where('school_id', '=', schoolId)
		.orderBy('name')
		.execute();
}

export interface RoomInput {
	name: string;
	type: RoomType;
	capacity: number | null;
}

/** Adds a room (a name taken at the school: `timetable_room_taken` beside the name). */
export async function addRoom(db: Db, actor: Actor, schoolId: number, input: RoomInput) {
	return writeTransaction(db, async (trx) => {
		const room = await trx
			.insertInto('timetable_rooms')
			.values({ school_id: schoolId, ...input, created_by: actor.principal.userId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.room_added',
			entity: 'timetable_rooms',
			entityId: room.id,
			schoolId,
			before: null,
			after: { ...input },
			requestId: actor.requestId
		});
		return room.id;
	});
}

/** Removes a room of the school (another school's or a removed one: not found). */
export async function removeRoom(db: Db, actor: Actor, schoolId: number, roomId: number) {
	await db.transaction().execute(async (trx) => {
		const room = await trx
			.deleteFrom('timetable_rooms')
			.where('id', '=', roomId)
			.where('school_id', '=', schoolId)
			.returning(['name', 'type', 'capacity'])
			.executeTakeFirst();
		if (!room) throw new DomainError('v_not_found');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.room_removed',
			entity: 'timetable_rooms',
			entityId: roomId,
			schoolId,
			before: { ...room },
			after: null,
			requestId: actor.requestId
		});
	});
}

/** The subjects taught at the school (teaching assignments) and the room type each needs. */
export async function subjectRoomNeeds(db: Db, schoolId: number) {
	return db
		.selectFrom('subjects as s')
		.leftJoin('timetable_subject_rooms as r', (j) =>
			j.onRef('r.subject_id', '=', 's.id').on('r.school_id', '=', schoolId)
		)
		.select(['s.id', 's.name_vi as name', 'r.room_type as roomType'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('teaching_assignments as t')
					.select('t.subject_id')
					.whereRef('t.subject_id', '=', 's.id')
					.where('t.school_id', '=', schoolId)
			)
		)
		.orderBy('s.name_vi')
		.execute();
}

/**
 * Saves the room type each listed subject needs (null: none). Subjects not taught at the school
 * are refused; all or nothing; one audit row with the changes. A need that carries `was` (the type
 * the page showed) and still says `was` is not the user's change and is left as it is now; one the
 * user changed while someone else changed it since the page was shown is a conflict (409, nothing
 * saved), so two admins saving the form at once never undo each other's change.
 */
export async function saveSubjectRooms(
	db: Db,
	actor: Actor,
	schoolId: number,
	needs: { subjectId: number; roomType: RoomType | null; was?: RoomType | null }[]
) {
	await db.transaction().execute(async (trx) => {
		// one save of a school's needs at a time: the second reads what the first wrote
		await trx.selectFrom('schools').select('id').where('id', '=', schoolId).forUpdate().execute();
		const current = new Map(
			(await subjectRoomNeeds(trx, schoolId)).map((s) => [s.id, s.roomType ?? null])
		);
		// one row per subject (a posted subject twice keeps the last), as one upsert needs
		const unique = [...new Map(needs.map((n) => [n.subjectId, n])).values()];
		const changes = unique.filter((n) => {
			if (!current.has(n.subjectId)) throw new DomainError('v_not_found');
			if (n.was === undefined) return current.get(n.subjectId) !== n.roomType;
			if (n.roomType === n.was || current.get(n.subjectId) === n.roomType) return false;
			if (current.get(n.subjectId) !== n.was)
				throw new ConflictError('timetable_subject_rooms', n.subjectId);
			return true;
		});
		if (!changes.length) return;
		const cleared = changes.filter((c) => c.roomType === null).map((c) => c.subjectId);
		if (cleared.length)
			await trx
				.deleteFrom('timetable_subject_rooms')
				.where('school_id', '=', schoolId)
				.where('subject_id', 'in', cleared)
				.execute();
		const typed = changes.filter((c) => c.roomType !== null);
		if (typed.length)
			await trx
				.insertInto('timetable_subject_rooms')
				.values(
					typed.map((c) => ({
						school_id: schoolId,
						subject_id: c.subjectId,
						room_type: c.roomType!,
						updated_by: actor.principal.userId
					}))
				)
				.onConflict((oc) =>
					oc.columns(['school_id', 'subject_id']).doUpdateSet((eb) => ({
						room_type: eb.ref('excluded.room_type'),
						updated_by: eb.ref('excluded.updated_by'),
						updated_at: new Date()
					}))
				)
				.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.subject_rooms',
			entity: 'timetable_subject_rooms',
			entityId: schoolId,
			schoolId,
			before: Object.fromEntries(changes.map((c) => [c.subjectId, current.get(c.subjectId)])),
			after: Object.fromEntries(changes.map((c) => [c.subjectId, c.roomType])),
			requestId: actor.requestId
		});
	});
}

/**
 * Which class is in which room per period, from the published timetable in force on `day`, and
 * the slots with more classes needing a type than the school has rooms of it.
 */
export async function roomView(db: Db, schoolId: number, day = todayIso()) {
	const version = (await versionsInForce(db, [schoolId], day)).get(schoolId) ?? null;
	const rooms = await listRooms(db, schoolId);
	if (!version) return { version, rooms, uses: [], shortages: [] };
	const needs = new Map(
		(
			await db
				.selectFrom('timetable_subject_rooms')
				.select(['subject_id', 'room_type'])
				.where('school_id', '=', schoolId)
				.execute()
		).map((r) => [r.subject_id, r.room_type])
	);
	const cells = await db
		.selectFrom('timetable_cells as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.select([
			'c.day',
			'c.period',
			'c.class_id as classId',
			'cl.name as className',
			'c.subject_id as subjectId',
			's.name_vi as subjectName'
		])
		.where('c.version_id', '=', version.id)
		.where('c.kind', '=', 'lesson')
		.execute();
	const { uses, shortages } = allocateRooms(cells, rooms as Room[], needs);
	return { version, rooms, uses, shortages };
}
