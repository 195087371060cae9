/**
 * Files a message or a notice may carry: photos (JPEG, PNG, WebP) and PDFs. The check is the
 * evidence uploads' one (extension and first bytes must agree, `checkEvidenceFile`), narrowed to
 * these types: a renamed executable, an HTML page called "photo.jpg", a GIF or an Office file is
 * refused.
 */
import { checkEvidenceFile, extensionOf, type FileCheck } from '../rollout/file-types';

export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'pdf'] as const;
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');
/** At most this many files per message or notice. */
export const MAX_ATTACHMENTS = 5;

export function checkAttachment(fileName: string, bytes: Uint8Array): FileCheck {
	const ext = extensionOf(fileName);
	if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext))
		return bytes.length === 0
			? { ok: false, error: 'empty' }
			: { ok: false, error: 'type_not_allowed' };
	return checkEvidenceFile(fileName, bytes);
}

export const isImage = (contentType: string) => contentType.startsWith('image/');
