import { requestContext, routeId } from '$lib/server/action';
import { getFileStorage } from '$lib/server/files';
import { fileResponse } from '$lib/server/messages/file-response';
import { openOfficialFile } from '$lib/server/official-notices/files';
import type { RequestHandler } from './$types';

/** A file of an official notice of the caller's scope (the gate proved an official); else 404. */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const file = await openOfficialFile(
		ctx.db,
		getFileStorage(),
		{ kind: 'official', principal: ctx.principal },
		routeId(event.params.noticeId),
		routeId(event.params.fileId)
	);
	return fileResponse(file);
};
