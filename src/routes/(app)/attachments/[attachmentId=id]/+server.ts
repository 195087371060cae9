import { routeId } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { getFileStorage } from '$lib/server/files';
import { openAttachment } from '$lib/server/messages/attachments';
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
	const encoded = encodeURIComponent(file.fileName);
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(file.stream, {
		headers: {
			'content-type': file.type.mime,
			'content-length': String(file.size),
			'content-disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'; img-src 'self'",
			'cache-control': 'private, no-store'
		}
	});
};
