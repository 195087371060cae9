import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { getFileStorage } from '$lib/server/files';
import { openEvidence } from '$lib/server/rollout/evidence';
import type { RequestHandler } from './$types';
import { routeId } from '$lib/server/action';

/**
 * An evidence file, only for callers whose scope covers the school (else 404). Office files are
 * always downloaded; nothing is sniffed or run by the browser (nosniff, sandbox CSP).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const config = getConfig();
	const file = await openEvidence(
		getDb(),
		locals.user!,
		{ files: getFileStorage(), maxBytes: config.UPLOAD_MAX_BYTES },
		routeId(params.schoolId),
		routeId(params.evidenceId)
	);
	const encoded = encodeURIComponent(file.fileName);
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const disposition = file.type.attachment ? 'attachment' : 'inline';
	return new Response(file.stream, {
		headers: {
			'content-type': file.type.mime,
			'content-length': String(file.size),
			'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': 'private, no-store'
		}
	});
};
