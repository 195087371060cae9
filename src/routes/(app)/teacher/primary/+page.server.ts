import { guardedLoad, ownScope } from '$lib/server/action';
import { primaryClassList } from '$lib/server/primary/classes';
import { taughtPrimaryList } from '$lib/server/primary/subject-teacher';
import type { PageServerLoad } from './$types';

/**
 * The primary classes (grades 1-5) the caller assesses (their homeroom classes) and the primary
 * subjects they teach by a teaching assignment (a specialist's Tiếng Anh, Tin học, Âm nhạc…).
 */
export const load = guardedLoad(ownScope, async ({ db, principal }) => {
	const [classes, subjects] = await Promise.all([
		primaryClassList(db, principal),
		taughtPrimaryList(db, principal)
	]);
	return { classes, subjects };
}) satisfies PageServerLoad;
