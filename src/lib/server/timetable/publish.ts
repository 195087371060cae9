import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import { recordEvent } from '../events';

type Db = Kysely<Database>;

/**
 * Publishes a draft from `effectiveFrom` on: from that day it is the school's timetable (until a
 * later one takes effect). Refused while periods are unplaced. The 'timetable.published' event is
 * written in the same transaction, for the modules that notify people.
 */
export async function publishVersion(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: { versionId: number; version: number; effectiveFrom: string }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('timetable_versions')
			.select(['status', 'version', 'unplaced', 'semester_id'])
			.where('id', '=', input.versionId)
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if (!row) throw new DomainError('v_not_found');
		if (row.version !== input.version)
			throw new ConflictError('timetable_versions', input.versionId);
		if (row.status !== 'draft') throw new DomainError('timetable_not_draft');
		if (row.unplaced.length)
			throw new DomainError('timetable_incomplete', {
				periods: row.unplaced.reduce((a, u) => a + u.periods, 0)
			});
		await trx
			.updateTable('timetable_versions')
			.set((eb) => ({
				status: 'published',
				effective_from: input.effectiveFrom,
				published_at: new Date(),
				published_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', input.versionId)
			.execute();
		await recordEvent(trx, {
			module: 'timetable',
			kind: 'timetable.published',
			subjectType: 'timetable_version',
			subjectId: input.versionId,
			schoolId,
			payload: { effectiveFrom: input.effectiveFrom, semesterId: row.semester_id },
			createdBy: actor.principal.userId
		});
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.publish',
			entity: 'timetable_versions',
			entityId: input.versionId,
			schoolId,
			after: { effectiveFrom: input.effectiveFrom },
			requestId: actor.requestId
		});
	});
}
