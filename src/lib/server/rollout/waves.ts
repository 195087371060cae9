import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireDepartment } from '../auth/access';
import { writeAudit } from '../audit';
import { ConflictError, DomainError, writeTransaction } from '../errors';
import type { WaveInput } from '../../schemas/rollout';
import { refreshSchoolSummaries } from './summary';

/** The departments whose waves the principal may read (officials of the department or an area). */
export function officialDepartmentIds(principal: Principal): number[] {
	return principal.roles.flatMap((g) =>
		(g.role === 'department' || g.role === 'area') && g.departmentId ? [g.departmentId] : []
	);
}

/** Waves for a filter or a select, with their dates (no figures). */
export async function listWaveOptions(db: DB, departmentIds: number[]) {
	if (!departmentIds.length) return [];
	return db
		.selectFrom('rollout_waves')
		.select(['id', 'name', 'ordinal', 'starts_on', 'target_on'])
		.where('department_id', 'in', departmentIds)
		.orderBy('ordinal')
		.execute();
}

/** Waves with their size and how many schools are done (from the summaries). */
export async function listWaves(db: DB, departmentIds: number[]) {
	if (!departmentIds.length) return [];
	return db
		.selectFrom('rollout_waves as w')
		.leftJoin('school_rollout_summary as s', (j) =>
			j.onRef('s.wave_id', '=', 'w.id').on('s.active', '=', true)
		)
		.select((eb) => [
			'w.id',
			'w.ordinal',
			'w.name',
			'w.starts_on',
			'w.target_on',
			'w.note',
			'w.version',
			eb.fn.count<number>('s.school_id').as('schools'),
			eb.fn.count<number>('s.completed_on').as('done')
		])
		.where('w.department_id', 'in', departmentIds)
		.groupBy('w.id')
		.orderBy('w.ordinal')
		.execute();
}

export async function getWave(db: DB, principal: Principal, waveId: number) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	if (!Number.isSafeInteger(waveId)) notFound();
	const wave = await db
		.selectFrom('rollout_waves')
		.selectAll()
		.where('id', '=', waveId)
		.where('department_id', '=', departmentId)
		.executeTakeFirst();
	return wave ?? notFound();
}

export async function countWaveSchools(db: DB, waveId: number) {
	const row = await db
		.selectFrom('school_rollout_summary')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('wave_id', '=', waveId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The schools of a wave with their progress and mentor, paged. */
export async function listWaveSchools(db: DB, waveId: number, page = 1, pageSize = 100) {
	return db
		.selectFrom('school_rollout_summary as s')
		.innerJoin('schools', 'schools.id', 's.school_id')
		.innerJoin('areas', 'areas.id', 's.area_id')
		.leftJoin('school_waves as sw', 'sw.school_id', 's.school_id')
		.leftJoin('schools as mentor', 'mentor.id', 'sw.mentor_school_id')
		.select([
			'schools.id',
			'schools.name',
			'areas.name as area_name',
			's.platforms_in_use',
			's.platforms_total',
			's.checklist_percent',
			's.completed_on',
			'mentor.name as mentor_name'
		])
		.where('s.wave_id', '=', waveId)
		.orderBy('areas.code')
		.orderBy('schools.code')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
}

const waveColumns = (input: WaveInput) => ({
	ordinal: input.ordinal,
	name: input.name,
	starts_on: input.startsOn,
	target_on: input.targetOn,
	note: input.note
});

export async function createWave(db: DB, principal: Principal, input: WaveInput) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	const clash = await db
		.selectFrom('rollout_waves')
		.select('id')
		.where('department_id', '=', departmentId)
		.where('ordinal', '=', input.ordinal)
		.executeTakeFirst();
	if (clash) throw new DomainError('rollout_wave_ordinal_taken');
	const row = await db
		.insertInto('rollout_waves')
		.values({
			department_id: departmentId,
			...waveColumns(input),
			created_by: principal.userId,
			updated_by: principal.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateWave(db: DB, principal: Principal, waveId: number, input: WaveInput) {
	const wave = await getWave(db, principal, waveId);
	if (input.ordinal !== wave.ordinal) {
		const clash = await db
			.selectFrom('rollout_waves')
			.select('id')
			.where('department_id', '=', wave.department_id)
			.where('ordinal', '=', input.ordinal)
			.executeTakeFirst();
		if (clash) throw new DomainError('rollout_wave_ordinal_taken');
	}
	await writeTransaction(db, async (trx) => {
		const row = await trx
			.updateTable('rollout_waves')
			.set((eb) => ({
				...waveColumns(input),
				updated_at: new Date(),
				updated_by: principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', waveId)
			.where('version', '=', input.version ?? -1)
			.returning('id')
			.executeTakeFirst();
		if (!row) throw new ConflictError('rollout_wave', waveId);
		// The at-risk rule reads the target date from the summaries: keep them in step.
		await trx
			.updateTable('school_rollout_summary')
			.set({ wave_target_on: input.targetOn })
			.where('wave_id', '=', waveId)
			.execute();
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'update',
			entity: 'rollout_wave',
			entityId: waveId,
			before: { name: wave.name, starts_on: wave.starts_on, target_on: wave.target_on },
			after: waveColumns(input)
		});
	});
}

/** Puts the schools of an area (optionally of one level) into a wave, set-based. */
export async function assignAreaToWave(
	db: DB,
	principal: Principal,
	waveId: number,
	input: { areaId: number; level: string; onlyUnassigned: boolean }
) {
	const wave = await getWave(db, principal, waveId);
	return writeTransaction(db, async (trx) => {
		const moved = await sql<{ school_id: number }>`
			insert into school_waves (school_id, wave_id, updated_by)
			select s.id, ${waveId}, ${principal.userId} from schools s
			where s.department_id = ${wave.department_id} and s.area_id = ${input.areaId} and s.active
				and (${input.level} = '' or s.level = ${input.level})
			on conflict (school_id) do update
				set wave_id = excluded.wave_id, updated_at = now(), updated_by = excluded.updated_by,
					version = school_waves.version + 1
				where not ${input.onlyUnassigned} and school_waves.wave_id <> excluded.wave_id
			returning school_id`.execute(trx);
		const ids = moved.rows.map((r) => r.school_id);
		for (let i = 0; i < ids.length; i += 5000)
			await refreshSchoolSummaries(trx, { schoolIds: ids.slice(i, i + 5000) });
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'assign',
			entity: 'rollout_wave',
			entityId: waveId,
			after: { ...input, schools: ids.length }
		});
		return ids.length;
	});
}
