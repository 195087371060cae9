import { isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import { tokenServes } from '../auth/access';
import { apiError, notFoundJson } from '../api/http';
import type { GradesActor } from './caller';

/**
 * Who calls the grades API: a grades token (the gate let only that purpose through) or the
 * signed-in user. A token without a school cannot be a grades token (migration 0280's check).
 */
export function gradesActorOf(event: RequestEvent): GradesActor | null {
	const { apiToken, user, requestId } = event.locals;
	if (apiToken) {
		if (!tokenServes(apiToken, 'grades') || apiToken.schoolId === null || !apiToken.createdBy)
			return null;
		const token = {
			tokenId: apiToken.tokenId,
			schoolId: apiToken.schoolId,
			createdBy: apiToken.createdBy
		};
		return { token, requestId };
	}
	return user ? { principal: user, requestId } : null;
}

/** Runs an answer; a 404 of the services (outside the scope) becomes the API's JSON 404. */
export async function answerOr404(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (err) {
		if (isHttpError(err) && err.status === 404) return notFoundJson();
		throw err;
	}
}

/** The biggest JSON body a PUT may send (2000 cells fit in well under 1 MB). */
const MAX_BODY_BYTES = 1024 * 1024;

/** The request's JSON body: `{ ok: false }` answers 413 (too large) or 400 (not JSON). */
export async function readJsonBody(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES) return { ok: false, response: apiError(413, 'body_too_large') };
	const text = await request.text();
	if (text.length > MAX_BODY_BYTES) return { ok: false, response: apiError(413, 'body_too_large') };
	try {
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return { ok: false, response: apiError(400, 'invalid_json') };
	}
}

export const answerJson = (a: { status: number; body: unknown }) =>
	json(a.body, { status: a.status });
