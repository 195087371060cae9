import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/api/http';
import { getDb } from '$lib/server/db';
import { ingestApiEvents } from '$lib/server/usage/api';
import type { RequestHandler } from './$types';

/** Platforms report usage here with a Bearer token (the gate answers 401 without a valid one). */
export const POST: RequestHandler = async ({ locals, request }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return apiError(400, 'invalid_json');
	}
	const answer = await ingestApiEvents(getDb(), locals.apiToken!, body);
	return json(answer.body, { status: answer.status });
};
