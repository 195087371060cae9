import { routeId } from '$lib/server/action';
import { apiJson, notFoundJson, parseQuery } from '$lib/server/api/http';
import { gradebookAnswerSchema, gradebookQuerySchema } from '$lib/server/api/paths/grades';
import { getDb } from '$lib/server/db';
import { apiGradebook, apiSaveGradebook } from '$lib/server/grades/api';
import { answerJson, answerOr404, gradesActorOf, readJsonBody } from '$lib/server/grades/api-route';
import type { RequestHandler } from './$types';

/** A class's gradebook of one subject and semester (grades token or signed-in user). */
export const GET: RequestHandler = async (event) => {
	const actor = gradesActorOf(event);
	if (!actor) return notFoundJson();
	const classId = routeId(event.params.classId);
	const query = parseQuery(gradebookQuerySchema, event.url);
	if (!query.ok) return query.response;
	return answerOr404(async () =>
		apiJson(gradebookAnswerSchema, await apiGradebook(getDb(), actor, classId, query.data))
	);
};

/** Saves cells, all or nothing (400 every bad cell, 409 stale versions, 423 locked). */
export const PUT: RequestHandler = async (event) => {
	const actor = gradesActorOf(event);
	if (!actor) return notFoundJson();
	const classId = routeId(event.params.classId);
	const query = parseQuery(gradebookQuerySchema, event.url);
	if (!query.ok) return query.response;
	const body = await readJsonBody(event.request);
	if (!body.ok) return body.response;
	return answerOr404(async () =>
		answerJson(await apiSaveGradebook(getDb(), actor, classId, query.data, body.body))
	);
};
