import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import type { ApiTokenScope } from '../../src/lib/server/auth/access';
import { generateApiToken, hashApiToken } from '../../src/lib/server/usage/tokens';

/** Fixtures of the usage tests: tokens, teachers, summary figures. */

/** A token row as the token pages would create it; returns its secret and scope. */
export async function createTestToken(
	db: DB,
	scope: {
		schoolId?: number;
		departmentId?: number;
		platformId?: number | null;
		purpose?: 'usage' | 'grades';
	},
	createdBy: number
): Promise<{ token: string; scope: ApiTokenScope }> {
	const token = generateApiToken();
	const row = await db
		.insertInto('usage_api_tokens')
		.values({
			name: `test ${token.slice(4, 10)}`,
			token_hash: hashApiToken(token),
			token_prefix: token.slice(0, 10),
			school_id: scope.schoolId ?? null,
			department_id: scope.departmentId ?? null,
			platform_id: scope.platformId ?? null,
			purpose: scope.purpose ?? 'usage',
			created_by: createdBy
		})
		.returning(['id', 'school_id', 'department_id', 'platform_id', 'purpose', 'created_by'])
		.executeTakeFirstOrThrow();
	return {
		token,
		scope: {
			tokenId: row.id,
			schoolId: row.school_id,
			departmentId: row.department_id,
			platformId: row.platform_id,
			purpose: row.purpose,
			createdBy: row.created_by
		}
	};
}

export async function userId(db: DB, email: string): Promise<number> {
	return (
		await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
	).id;
}

export async function platformId(db: DB, code: string): Promise<number> {
	return (
		await db.selectFrom('platforms').select('id').where('code', '=', code).executeTakeFirstOrThrow()
	).id;
}

/** E-mails of a school's active teachers (pilot schools: their accounts). */
export async function teacherEmails(db: DB, schoolId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('staff')
		.select('email')
		.where('school_id', '=', schoolId)
		.where('active', '=', true)
		.where('position', '<>', 'staff')
		.where('email', 'is not', null)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.email!);
}

/** A unique prefix for event ids, so that test runs never collide. */
export function runId(): string {
	return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function dailySessions(db: DB, schoolId: number, platformId: number, day: string) {
	const row = await db
		.selectFrom('usage_daily')
		.select('sessions')
		.where('school_id', '=', schoolId)
		.where('platform_id', '=', platformId)
		.where('day', '=', day)
		.executeTakeFirst();
	return row?.sessions ?? 0;
}

/** Every summary of one school and platform, to compare before and after. */
export async function summaryTotals(db: DB, schoolId: number, platformId: number) {
	const { rows } = await sql<{
		daily: number;
		minutes: number;
		teacher_days: number;
		weekly: number;
		weekly_teacher: number;
		classes: number;
	}>`select
		(select coalesce(sum(sessions), 0)::int from usage_daily where school_id = ${schoolId} and platform_id = ${platformId}) as daily,
		(select coalesce(sum(minutes), 0)::int from usage_daily where school_id = ${schoolId} and platform_id = ${platformId}) as minutes,
		(select coalesce(sum(sessions), 0)::int from usage_daily_teacher where school_id = ${schoolId} and platform_id = ${platformId}) as teacher_days,
		(select coalesce(sum(sessions), 0)::int from usage_weekly where school_id = ${schoolId} and platform_id = ${platformId}) as weekly,
		(select coalesce(sum(sessions), 0)::int from usage_weekly_teacher where school_id = ${schoolId} and platform_id = ${platformId}) as weekly_teacher,
		(select coalesce(sum(sessions), 0)::int from usage_daily_class where school_id = ${schoolId} and platform_id = ${platformId}) as classes`.execute(
		db
	);
	return rows[0];
}

/** Rolls back whatever `run` did: the test sees its changes, no other test ever does. */
export async function inRolledBackTransaction(db: DB, run: (trx: DB) => Promise<void>) {
	const rollback = new Error('rollback');
	await db
		.transaction()
		.execute(async (trx) => {
			await run(trx);
			throw rollback;
		})
		.catch((err) => {
			if (err !== rollback) throw err;
		});
}
