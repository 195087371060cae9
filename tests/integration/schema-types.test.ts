import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import { connectTestDb } from '../helpers/context';

/**
 * The Kysely table types (src/lib/server/db/schema.ts and tables/*.ts) against the migrated
 * database: the same tables, the same columns, the same nullability and roughly the same type.
 * TypeScript types do not exist at run time, so the test reads them with the compiler's type
 * checker (which resolves `extends Audited`, aliases and Kysely's ColumnType/Generated wrappers).
 */
type Kind = 'number' | 'string' | 'boolean' | 'date' | 'bytes' | 'array' | 'json';
interface Column {
	nullable: boolean;
	kind: Kind;
}
type Tables = Record<string, Record<string, Column>>;

/** Tables of the database that are not the app's (the migrator's bookkeeping). */
const NOT_IN_TYPES = new Set(['schema_migrations']);

const PG_KINDS: Record<string, Kind> = {
	integer: 'number',
	smallint: 'number',
	bigint: 'number',
	numeric: 'number',
	text: 'string',
	date: 'string', // 'YYYY-MM-DD' (connect.ts type parsers)
	'timestamp with time zone': 'date',
	boolean: 'boolean',
	bytea: 'bytes',
	ARRAY: 'array',
	jsonb: 'json'
};

async function liveTables(db: DB): Promise<Tables> {
	const { rows } = await sql<{
		table_name: string;
		column_name: string;
		is_nullable: 'YES' | 'NO';
		data_type: string;
	}>`select c.table_name, c.column_name, c.is_nullable, c.data_type
		from information_schema.columns c
		join information_schema.tables t
			on t.table_schema = c.table_schema and t.table_name = c.table_name
		where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
		order by c.table_name, c.ordinal_position`.execute(db);
	const tables: Tables = {};
	for (const r of rows) {
		if (NOT_IN_TYPES.has(r.table_name)) continue;
		(tables[r.table_name] ??= {})[r.column_name] = {
			nullable: r.is_nullable === 'YES',
			kind: PG_KINDS[r.data_type] ?? (`unknown: ${r.data_type}` as Kind)
		};
	}
	return tables;
}

function declaredTables(): Tables {
	const file = path.resolve('src/lib/server/db/schema.ts');
	const program = ts.createProgram([file], {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler
	});
	const checker = program.getTypeChecker();
	const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
	const database = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database')!;
	const tables: Tables = {};
	for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(database))) {
		const columns: Record<string, Column> = {};
		for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
			const members = selectTypes(checker, checker.getTypeOfSymbol(column));
			const present = members.filter(
				(t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))
			);
			const kinds = new Set(present.map((t) => kindOf(checker, t)));
			columns[column.name] = {
				nullable: present.length < members.length,
				kind: kinds.size === 1 ? [...kinds][0] : 'json'
			};
		}
		tables[table.name] = columns;
	}
	return tables;
}

/** The type a select returns: ColumnType<S, I, U> (and Generated<S>) read as S, unions flattened. */
function selectTypes(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
	const members = type.isUnion() ? type.types : [type];
	return members.flatMap((t) => {
		const select = t.getProperty('__select__');
		return select ? selectTypes(checker, checker.getTypeOfSymbol(select)) : [t];
	});
}

function kindOf(checker: ts.TypeChecker, type: ts.Type): Kind {
	if (type.flags & ts.TypeFlags.NumberLike) return 'number';
	if (type.flags & ts.TypeFlags.StringLike) return 'string';
	if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
	if (checker.isArrayType(type)) return 'array';
	const name = type.getSymbol()?.name;
	if (name === 'Date') return 'date';
	if (name === 'Uint8Array' || name === 'Buffer') return 'bytes';
	return 'json';
}

let db: DB;
let close: () => Promise<void>;
let live: Tables;
let declared: Tables;
beforeAll(async () => {
	({ db, close } = connectTestDb(1));
	live = await liveTables(db);
	declared = declaredTables();
});
afterAll(() => close());

describe('the Kysely table types', () => {
	it('name exactly the tables of the migrated database', () => {
		expect(Object.keys(declared).sort()).toEqual(Object.keys(live).sort());
	});

	it('name exactly the columns of each table', () => {
		const names = (t: Tables) =>
			Object.fromEntries(Object.entries(t).map(([k, cols]) => [k, Object.keys(cols).sort()]));
		expect(names(declared)).toEqual(names(live));
	});

	it('agree with the database on nullability and on the kind of value of every column', () => {
		const differences: string[] = [];
		for (const [table, columns] of Object.entries(live)) {
			for (const [name, column] of Object.entries(columns)) {
				const type = declared[table]?.[name];
				if (!type) continue;
				if (type.nullable !== column.nullable)
					differences.push(`${table}.${name}: nullable ${column.nullable} in the database`);
				// jsonb holds any value; any declared kind is fine
				if (column.kind !== 'json' && type.kind !== column.kind)
					differences.push(`${table}.${name}: ${column.kind} in the database, ${type.kind} in TS`);
			}
		}
		expect(differences).toEqual([]);
	});
});
