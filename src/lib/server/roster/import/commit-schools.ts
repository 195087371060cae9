import { sql } from 'kysely';
import { writeAuditMany, type AuditEntry } from '../../audit';
import type { Actor, Tx } from '../context';
import { chunks, rowsBefore, updateById, type ColumnType } from './bulk';
import type { SchoolPlan } from './types';

/**
 * Writing a department's validated schools file, set-based, inside the caller's transaction.
 * A school may move to another area (areas were regrouped in 2025): the move is audited.
 */
const COLUMNS: Record<string, [string, ColumnType]> = {
	name: ['name', 'text'],
	level: ['level', 'text'],
	area: ['area_id', 'integer'],
	commune: ['commune', 'text'],
	address: ['address', 'text'],
	principalName: ['principal_name', 'text'],
	phone: ['phone', 'text'],
	email: ['email', 'text']
};

const values = (p: SchoolPlan) => ({
	name: p.name,
	level: p.level,
	area_id: p.areaId,
	commune: p.commune,
	address: p.address,
	principal_name: p.principalName,
	phone: p.phone,
	email: p.email
});

export async function writeSchools(
	trx: Tx,
	actor: Actor,
	departmentId: number,
	rows: SchoolPlan[],
	present: Set<string>,
	batchId: string
): Promise<void> {
	const entry = (action: string, id: number, after: unknown, before?: unknown): AuditEntry => ({
		actorUserId: actor.principal.userId,
		action,
		entity: 'school',
		entityId: id,
		schoolId: id,
		before,
		after: { ...(after as object), import_batch: batchId },
		requestId: actor.requestId
	});
	const created = rows.filter((r) => r.existingId === null);
	const ids: number[] = [];
	for (const part of chunks(created)) {
		const inserted = await trx
			.insertInto('schools')
			.values(
				part.map((p) => ({
					...values(p),
					code: p.code,
					department_id: departmentId,
					created_by: actor.principal.userId,
					updated_by: actor.principal.userId
				}))
			)
			.returning('id')
			.execute();
		ids.push(...inserted.map((r) => r.id));
	}
	const entries = created.map((p, i) =>
		entry('school.create', ids[i], { code: p.code, ...values(p) })
	);

	const updates = rows.filter((r) => r.existingId !== null);
	const cols: Record<string, ColumnType> = {};
	for (const [field, [column, type]] of Object.entries(COLUMNS))
		if (present.has(field)) cols[column] = type;
	const before = await rowsBefore(
		trx,
		'schools',
		updates.map((u) => u.existingId!),
		[...Object.keys(cols), 'area_id']
	);
	const data = updates.map((u) => ({ id: u.existingId!, ...values(u) }));
	await updateById(
		trx,
		'schools',
		sql`t.department_id = ${departmentId}`,
		cols,
		data,
		actor.principal.userId
	);
	for (const d of data) {
		const old = before.get(d.id);
		const after = Object.fromEntries(Object.keys(cols).map((c) => [c, d[c as keyof typeof d]]));
		entries.push(entry('school.update', d.id, after, old));
		if (cols.area_id && old && old.area_id !== d.area_id)
			entries.push(
				entry('school.move_area', d.id, { area_id: d.area_id }, { area_id: old.area_id })
			);
	}
	await writeAuditMany(trx, entries);
}
