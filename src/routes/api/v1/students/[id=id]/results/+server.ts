import { routeId } from '$lib/server/action';
import { apiJson, notFoundJson } from '$lib/server/api/http';
import { studentResultsSchema } from '$lib/server/api/paths/grades';
import { getDb } from '$lib/server/db';
import { apiStudentResults } from '$lib/server/grades/api';
import { answerOr404, gradesActorOf } from '$lib/server/grades/api-route';
import type { RequestHandler } from './$types';

/** A pupil's results: staff and grades tokens everything stored, a parent what is published. */
export const GET: RequestHandler = async (event) => {
	const actor = gradesActorOf(event);
	if (!actor) return notFoundJson();
	const id = routeId(event.params.id);
	return answerOr404(async () =>
		apiJson(studentResultsSchema, await apiStudentResults(getDb(), actor, id))
	);
};
