import { requestContext, routeId, schoolScope } from '$lib/server/action';
import { getFileStorage } from '$lib/server/files';
import { fileResponse } from '$lib/server/messages/file-response';
import { openOfficialFile } from '$lib/server/official-notices/files';
import type { RequestHandler } from './$types';

/**
 * A file of an official notice addressed to the school, for its readers there (the admins; the
 * teachers when the notice includes them); anyone else gets 404.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('official_notices.read')(ctx);
	const file = await openOfficialFile(
		ctx.db,
		getFileStorage(),
		{ kind: 'school', principal: ctx.principal, schoolId: school.id },
		routeId(event.params.noticeId),
		routeId(event.params.fileId)
	);
	return fileResponse(file);
};
