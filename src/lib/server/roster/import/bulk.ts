import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../context';

/**
 * Set-based writes for imports: one UPDATE ... FROM jsonb_to_recordset(...) statement for all the
 * rows of a table (no per-row round trips), chunked only to keep each statement a few MB.
 */
export const CHUNK = 1000;

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

export type ColumnType = 'text' | 'date' | 'smallint' | 'integer';

/**
 * Updates rows of `table` (of one school or department, checked again in the statement) by id.
 * `columns` maps each column to its SQL type; only those columns are written, so a column missing
 * from the file leaves the stored value alone.
 */
export async function updateById(
	trx: Tx,
	table: 'staff' | 'classes' | 'students' | 'guardians' | 'schools',
	scope: RawBuilder<unknown>,
	columns: Record<string, ColumnType>,
	rows: ({ id: number } & Record<string, unknown>)[],
	actorId: number
): Promise<void> {
	const names = Object.keys(columns);
	if (!rows.length || !names.length) return;
	const sets = sql.join(names.map((c) => sql`${sql.ref(c)} = r.${sql.ref(c)}`));
	const defs = sql.join(names.map((c) => sql`${sql.ref(c)} ${sql.raw(columns[c])}`));
	for (const part of chunks(rows)) {
		await sql`update ${sql.table(table)} as t set ${sets}, version = t.version + 1,
			updated_at = now(), updated_by = ${actorId}
			from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id integer, ${defs})
			where t.id = r.id and ${scope}`.execute(trx);
	}
}

/** The stored rows before an update, for the audit log (one query). */
export async function rowsBefore(
	trx: Tx,
	table: 'staff' | 'classes' | 'students' | 'guardians' | 'schools',
	ids: number[],
	columns: string[]
): Promise<Map<number, Record<string, unknown>>> {
	if (!ids.length) return new Map();
	const { rows } = await sql<Record<string, unknown> & { id: number }>`select id, ${sql.join(
		columns.map((c) => sql.ref(c))
	)} from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(trx);
	return new Map(rows.map((r) => [r.id, r]));
}
