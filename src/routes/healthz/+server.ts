import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getAppDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Liveness and database reachability, for load balancers and monitoring. */
export const GET: RequestHandler = async () => {
	const handle = getAppDatabase();
	try {
		await Promise.race([
			sql`select 1`.execute(handle.db),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))
		]);
		return json(
			{ status: 'ok', database: handle.kind },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'unavailable', database: handle.kind },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
