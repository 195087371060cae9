import { inject } from 'vitest';
import { createKysely, createPool, type DB } from '../../src/lib/server/db/connect';
import { loadRoles, type Principal } from '../../src/lib/server/auth/session';

/**
 * The test run's database (see tests/integration/global-setup.ts), reached as the portal reaches
 * it: with prepared statements on a PostgreSQL server (db/prepared.ts).
 */
export function connectTestDb(max = 3): { db: DB; close: () => Promise<void> } {
	const pool = createPool(inject('databaseUrl'), max, {
		preparedStatements: inject('databaseKind') === 'postgres'
	});
	const db = createKysely(pool);
	return { db, close: () => db.destroy() };
}

/** The principal of a seeded account, as the session would build it. */
export async function principalOf(db: DB, email: string): Promise<Principal> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'locale'])
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return {
		userId: user.id,
		email: user.email,
		name: user.name,
		locale: user.locale,
		roles: await loadRoles(db, user.id)
	};
}

export async function schoolIdByName(db: DB, name: string): Promise<number> {
	const row = await db
		.selectFrom('schools')
		.select('id')
		.where('name', '=', name)
		.executeTakeFirstOrThrow();
	return row.id;
}

export const QUANG_TRUNG = 'Trường THCS Quang Trung';
export const NGUYEN_TAT_THANH = 'Trường THPT Chuyên Nguyễn Tất Thành';
