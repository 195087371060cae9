import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Prepared statements on a PostgreSQL server. Every query Kysely sends with parameters becomes a
 * named statement of its connection, named by a hash of its text: PostgreSQL parses it once per
 * connection and, after five executions, keeps a generic plan when it is no worse than the custom
 * ones. Planning was most of the database's work per page: the inbox query (eight tables joined)
 * took 3 ms to plan and 0.2 ms to run; with prepared statements the parent's inbox page costs
 * PostgreSQL 0.4 ms of CPU instead of 4.0 (session 15, `bench:load`'s CPU per request).
 *
 * - Only queries with parameters: a query without any goes through the simple protocol, which also
 *   carries several statements at once (migrations, `begin`, `commit`).
 * - At most MAX_PER_CONNECTION statements per connection (a query with an `in (…)` list has one
 *   text per list length); further texts run unnamed.
 * - A statement whose result columns changed under it (a migration while the process runs)
 *   fails with "cached plan must not change result type"; behind something that shares or swaps
 *   sessions (a pooler in transaction mode, the embedded database's socket, which
 *   DB_PREPARED_STATEMENTS should turn it off for) a name may already exist or be gone. In each
 *   case the query runs again unnamed and that name is not used again on the connection. Inside a
 *   transaction the retry fails like the transaction, and the caller sees the error once.
 */
export const MAX_PER_CONNECTION = 500;

type QueryFn = (...args: unknown[]) => Promise<unknown>;

export function statementName(text: string): string {
	return 'ts_' + createHash('sha1').update(text).digest('base64url').slice(0, 24);
}

/** Errors of the statement's name, not of the query: it can run unnamed. */
function isNameTrouble(err: unknown): boolean {
	if (typeof err !== 'object' || err === null) return false;
	const code = (err as { code?: string }).code;
	// 42P05 duplicate_prepared_statement, 26000 invalid_sql_statement_name (it does not exist)
	if (code === '42P05' || code === '26000') return true;
	return (
		code === '0A000' &&
		/cached plan must not change result type/.test(String((err as Error).message))
	);
}

export function prepareStatements(client: pg.PoolClient | pg.Client): void {
	const query = client.query.bind(client) as QueryFn;
	const named = new Set<string>();
	const stale = new Set<string>();
	(client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
		const [text, values, callback] = args;
		if (
			typeof text !== 'string' ||
			!Array.isArray(values) ||
			values.length === 0 ||
			callback !== undefined
		)
			return query(...args);
		const name = statementName(text);
		if (stale.has(name) || (!named.has(name) && named.size >= MAX_PER_CONNECTION))
			return query(text, values);
		named.add(name);
		return query({ name, text, values }).catch((err: unknown) => {
			if (!isNameTrouble(err)) throw err;
			stale.add(name);
			return query(text, values);
		});
	};
}
