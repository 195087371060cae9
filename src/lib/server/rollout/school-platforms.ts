import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import { ConflictError, DomainError, fieldError } from '../errors';
import type { SchoolPlatformInput } from '../../schemas/rollout';
import { platformTransitionProblem } from '../../rollout/workflow';
import { refreshSchoolSummaries } from './summary';
import { disagreesWithMeasurement, measurementOf } from '../../rollout/measured';

/** A school's deployment of every platform (active ones first, retired ones kept for history). */
export async function listSchoolPlatforms(db: DB, principal: Principal, schoolId: number) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	return db
		.selectFrom('school_platforms as sp')
		.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
		.leftJoin('staff', 'staff.id', 'sp.responsible_staff_id')
		.select([
			'p.id as platform_id',
			'p.code',
			'p.name_vi',
			'p.name_en',
			'p.group_code',
			'p.retired_at',
			'sp.status',
			'sp.status_source',
			'sp.vendor',
			'sp.go_live_on',
			'sp.evidence_url',
			'sp.responsible_staff_id',
			'staff.full_name as responsible_name',
			'sp.note',
			'sp.updated_at',
			'sp.version',
			'sp.measured_active',
			'sp.measured_teachers',
			'sp.measured_threshold',
			'sp.measured_on'
		])
		.where('sp.school_id', '=', schoolId)
		.orderBy('p.retired_at', 'desc')
		.orderBy('p.sort_order')
		.orderBy('p.id')
		.execute();
}

/** One platform row of a school with the catalogue entry and the full history. */
export async function getSchoolPlatform(
	db: DB,
	principal: Principal,
	schoolId: number,
	platformId: number
) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	if (!Number.isSafeInteger(platformId)) notFound();
	const row = await db
		.selectFrom('school_platforms as sp')
		.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
		.selectAll('sp')
		.select([
			'p.code',
			'p.name_vi',
			'p.name_en',
			'p.group_code',
			'p.description_vi',
			'p.description_en',
			'p.how_to_vi',
			'p.how_to_en',
			'p.requirements_vi',
			'p.requirements_en',
			'p.suggested_vendors',
			'p.retired_at'
		])
		.where('sp.school_id', '=', schoolId)
		.where('sp.platform_id', '=', platformId)
		.executeTakeFirst();
	if (!row) notFound();
	const history = await db
		.selectFrom('school_platform_history as h')
		.leftJoin('users', 'users.id', 'h.actor_user_id')
		.select([
			'h.id',
			'h.at',
			'h.from_status',
			'h.to_status',
			'h.source',
			'h.note',
			'h.changes',
			'users.name as actor_name'
		])
		.where('h.school_id', '=', schoolId)
		.where('h.platform_id', '=', platformId)
		.orderBy('h.at', 'desc')
		.orderBy('h.id', 'desc')
		.limit(200)
		.execute();
	return { ...row, history };
}

/** The school's active staff, to name who is responsible. */
export async function listSchoolStaffOptions(db: DB, schoolId: number) {
	return db
		.selectFrom('staff')
		.select(['id', 'full_name', 'position'])
		.where('school_id', '=', schoolId)
		.where('active', '=', true)
		.orderBy('name_sort')
		.execute();
}

export async function assertStaffOfSchool(db: DB, schoolId: number, staffId: number | null) {
	if (staffId === null) return;
	const staff = await db
		.selectFrom('staff')
		.select('id')
		.where('id', '=', staffId)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	if (!staff) throw new DomainError('rollout_staff_not_in_school');
}

const FIELDS = ['vendor', 'go_live_on', 'evidence_url', 'responsible_staff_id', 'note'] as const;

/**
 * The school admin edits one platform row: status, vendor, go-live date, evidence link,
 * responsible staff member, note. Version-checked; every edit lands in the history (from, to and
 * the other fields changed) and the school's summary is refreshed in the same transaction.
 */
export async function updateSchoolPlatform(
	db: DB,
	principal: Principal,
	schoolId: number,
	platformId: number,
	input: SchoolPlatformInput
) {
	await requireSchool(db, principal, schoolId, 'rollout.edit');
	return db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('school_platforms as sp')
			.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
			.selectAll('sp')
			.select('p.retired_at')
			.where('sp.school_id', '=', schoolId)
			.where('sp.platform_id', '=', platformId)
			.forUpdate('sp')
			.executeTakeFirst();
		if (!current) notFound();
		if (current.version !== input.version) throw new ConflictError('school_platform', platformId);
		if (current.retired_at) throw new DomainError('rollout_platform_retired');
		const problem = platformTransitionProblem(current.status, input.status, input.changeNote);
		if (problem) throw new DomainError('rollout_note_required_backwards');
		// A declaration that disagrees with measured use needs a reason (issue 9, point 4).
		if (
			current.status !== input.status &&
			!input.changeNote &&
			disagreesWithMeasurement(input.status, measurementOf(current))
		)
			throw fieldError('changeNote', 'rollout_reason_required_measured');
		await assertStaffOfSchool(trx, schoolId, input.responsibleStaffId);
		const next = {
			vendor: input.vendor,
			go_live_on: input.goLiveOn,
			evidence_url: input.evidenceUrl,
			responsible_staff_id: input.responsibleStaffId,
			note: input.note
		};
		const changes = Object.fromEntries(
			FIELDS.filter((f) => (current[f] ?? null) !== (next[f] ?? null)).map((f) => [
				f,
				[current[f], next[f]]
			])
		);
		if (current.status === input.status && !Object.keys(changes).length)
			return { version: current.version, changed: false };
		const updated = await trx
			.updateTable('school_platforms')
			.set((eb) => ({
				...next,
				status: input.status,
				status_source: current.status === input.status ? current.status_source : 'manual',
				updated_at: new Date(),
				updated_by: principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('school_id', '=', schoolId)
			.where('platform_id', '=', platformId)
			.returning('version')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('school_platform_history')
			.values({
				school_id: schoolId,
				platform_id: platformId,
				actor_user_id: principal.userId,
				from_status: current.status,
				to_status: input.status,
				source: 'manual',
				note: input.changeNote,
				changes: Object.keys(changes).length ? JSON.stringify(changes) : null
			})
			.execute();
		await refreshSchoolSummaries(trx, { schoolIds: [schoolId] });
		return { version: updated.version, changed: true };
	});
}
