import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import { summariseRelation } from '../../src/lib/server/usage/summaries';
import { generateApiToken, hashApiToken } from '../../src/lib/server/usage/tokens';

/**
 * Data of the usage benchmark, generated set-based (generate_series) on a throwaway PostgreSQL
 * database already migrated and demo-seeded: every platform deployed everywhere, an e-mail for every
 * teacher (so that the API can match them), N events over the last year from one department token,
 * and the summaries built from them in one pass.
 */
export async function prepareSchools(db: DB) {
	await sql`update school_platforms set status = 'deployed', status_source = 'seed'`.execute(db);
	await sql`update staff set email = 'bench.' || id || '@bench.example' where email is null`.execute(
		db
	);
}

export async function createToken(
	db: DB,
	platformCode: string
): Promise<{ id: number; token: string }> {
	const token = generateApiToken();
	const row = await db
		.insertInto('usage_api_tokens')
		.values((eb) => ({
			name: `bench ${platformCode}`,
			token_hash: hashApiToken(token),
			token_prefix: token.slice(0, 10),
			department_id: eb.selectFrom('departments').select('id').limit(1),
			platform_id: eb.selectFrom('platforms').select('id').where('code', '=', platformCode),
			created_by: eb.selectFrom('users').select('id').where('email', '=', 'so@demo.example')
		}))
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, token };
}

/** `total` events in chunks of a million: teacher, platform and day spread by integer hashing. */
export async function generateEvents(
	db: DB,
	total: number,
	tokenId: number,
	log: (s: string) => void
) {
	await db.connection().execute(async (conn) => {
		// Known-consistent generated rows: skip the per-row foreign-key triggers (superuser only).
		await sql`set session_replication_role = replica`.execute(conn);
		await sql`create temp table bench_staff as
			select row_number() over (order by s.id) - 1 as n, s.id, s.school_id from staff s
			where s.active and s.position <> 'staff'`.execute(conn);
		await sql`create temp table bench_platforms as
			select row_number() over (order by id) - 1 as n, id from platforms where retired_at is null`.execute(
			conn
		);
		const chunk = 1_000_000;
		for (let from = 1; from <= total; from += chunk) {
			const to = Math.min(total, from + chunk - 1);
			const t = Date.now();
			await sql`insert into usage_events (school_id, platform_id, staff_id, occurred_on, occurred_at,
					minutes, source, token_id, source_event_id)
				select s.school_id, p.id, s.id, d.day, d.day + time '08:00' - interval '7 hours',
					15 + g % 60, 'api', ${tokenId}::int, 'g' || g
				from generate_series(${from}::bigint, ${to}::bigint) g
				join bench_staff s on s.n = (g * 7919) % (select count(*) from bench_staff)
				join bench_platforms p on p.n = (g * 31 + g / 97) % (select count(*) from bench_platforms)
				cross join lateral (select current_date - ((g * 104729) % 365)::int as day) d`.execute(conn);
			log(`  events ${to.toLocaleString('en')} (${Date.now() - t} ms)`);
		}
		await sql`set session_replication_role = origin`.execute(conn);
	});
}

export async function summariseAll(db: DB) {
	await db.transaction().execute((trx) =>
		summariseRelation(
			trx,
			sql`(select school_id, platform_id, staff_id, occurred_on, minutes, null::text as class_key
				from usage_events)`
		)
	);
	await sql`analyze`.execute(db);
}

export async function tableSizes(db: DB) {
	const { rows } = await sql<{ name: string; n: number }>`
		select relname as name, n_live_tup::bigint as n from pg_stat_user_tables
		where relname like 'usage_%' order by relname`.execute(db);
	return rows;
}
