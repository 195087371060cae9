import { accessLogFilterOf } from '$lib/schemas/privacy-log';
import { guardedLoad, pageOf, schoolScope } from '$lib/server/action';
import {
	ACCESS_LOG_PAGE,
	ACCESS_LOG_RETENTION_DAYS,
	accessLogReaders,
	schoolAccessLog
} from '$lib/server/privacy/access-log';
import type { PageServerLoad } from './$types';

/** Staff reads of the school's pupils' data outside their classes (school admin): filtered, paged. */
export const load = guardedLoad(
	schoolScope('privacy.access_log'),
	async ({ db, school, event }) => {
		const page = pageOf(event.url);
		const { filter, typed, errors } = accessLogFilterOf(event.url);
		const [rows, readers] = await Promise.all([
			schoolAccessLog(db, school.id, filter, page),
			accessLogReaders(db, school.id)
		]);
		return {
			school: { id: school.id, name: school.name },
			page,
			rows: rows.slice(0, ACCESS_LOG_PAGE),
			hasNext: rows.length > ACCESS_LOG_PAGE,
			readers,
			typed,
			errors,
			retentionDays: ACCESS_LOG_RETENTION_DAYS
		};
	}
) satisfies PageServerLoad;
