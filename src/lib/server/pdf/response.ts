/**
 * The HTTP answer of a PDF: an attachment (or inline) with an ASCII file name plus the UTF-8 one
 * (RFC 6266/5987), never cached by shared caches (PDFs of the portal carry personal data) and never
 * compressed again by the app's compression hook (`no-transform`).
 */
export function pdfResponse(
	bytes: Uint8Array,
	fileName: string,
	options: { inline?: boolean } = {}
): Response {
	const base = fileName.replace(/\.pdf$/i, '');
	const ascii =
		base
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'document';
	const disposition = options.inline ? 'inline' : 'attachment';
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': `${disposition}; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(base)}.pdf`,
			'cache-control': 'private, no-store, no-transform',
			'x-content-type-options': 'nosniff'
		}
	});
}
