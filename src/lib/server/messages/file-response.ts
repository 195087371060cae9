import type { EvidenceType } from '$lib/rollout/file-types';

/**
 * The answer of a file download of a message, a notice or an official notice: shown inline in a
 * sandbox (photos and PDFs), never sniffed, never cached by a shared cache.
 */
export function fileResponse(file: {
	stream: ReadableStream<Uint8Array>;
	size: number;
	fileName: string;
	type: EvidenceType;
}): Response {
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
}
