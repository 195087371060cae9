import { json } from '@sveltejs/kit';
import { buildOpenApi } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

let cached: ReturnType<typeof buildOpenApi> | undefined;

export const GET: RequestHandler = () => {
	cached ??= buildOpenApi();
	return json(cached, { headers: { 'cache-control': 'public, max-age=300' } });
};
