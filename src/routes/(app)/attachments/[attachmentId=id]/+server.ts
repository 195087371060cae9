import { routeId } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { getFileStorage } from '$lib/server/files';
import { openAttachment } from '$lib/server/messages/attachments';
import { fileResponse } from '$lib/server/messages/file-response';
import type { RequestHandler } from './$types';

/**
 * A file of a message or a notice, only for someone who may read that message or notice (its
 * participants, the school office for office conversations, the notice's recipients and senders);
 * anyone else gets 404. Photos and PDFs are shown inline in a sandbox, never sniffed.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const file = await openAttachment(
		getDb(),
		locals.user!,
		getFileStorage(),
		routeId(params.attachmentId)
	);
	return fileResponse(file);
};
