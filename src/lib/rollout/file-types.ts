/**
 * Evidence files allowed by the rollout: PDF, images, Word, Excel and PowerPoint. A file is
 * accepted only when its extension AND its first bytes agree, so a renamed executable or an
 * HTML page called "report.pdf" is refused. SVG is not allowed (it can carry scripts).
 */
import { zipHasEntries } from '../zip';

export interface EvidenceType {
	ext: string;
	mime: string;
	/** office files are always downloaded, never shown inline */
	attachment: boolean;
}

type Signature = 'pdf' | 'png' | 'jpg' | 'gif' | 'webp' | 'ole' | 'zip';

/** zipEntries: the parts an Office Open XML file of that kind cannot lack (ECMA-376 part 2) */
const TYPES: Record<string, EvidenceType & { signature: Signature; zipEntries?: string[] }> = {
	pdf: { ext: 'pdf', mime: 'application/pdf', attachment: false, signature: 'pdf' },
	png: { ext: 'png', mime: 'image/png', attachment: false, signature: 'png' },
	jpg: { ext: 'jpg', mime: 'image/jpeg', attachment: false, signature: 'jpg' },
	jpeg: { ext: 'jpg', mime: 'image/jpeg', attachment: false, signature: 'jpg' },
	gif: { ext: 'gif', mime: 'image/gif', attachment: false, signature: 'gif' },
	webp: { ext: 'webp', mime: 'image/webp', attachment: false, signature: 'webp' },
	doc: { ext: 'doc', mime: 'application/msword', attachment: true, signature: 'ole' },
	xls: { ext: 'xls', mime: 'application/vnd.ms-excel', attachment: true, signature: 'ole' },
	ppt: { ext: 'ppt', mime: 'application/vnd.ms-powerpoint', attachment: true, signature: 'ole' },
	docx: {
		ext: 'docx',
		mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		attachment: true,
		signature: 'zip',
		zipEntries: ['[Content_Types].xml', 'word/document.xml']
	},
	xlsx: {
		ext: 'xlsx',
		mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		attachment: true,
		signature: 'zip',
		zipEntries: ['[Content_Types].xml', 'xl/workbook.xml']
	},
	pptx: {
		ext: 'pptx',
		mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		attachment: true,
		signature: 'zip',
		zipEntries: ['[Content_Types].xml', 'ppt/presentation.xml']
	}
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) =>
	bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function matches(signature: Signature, bytes: Uint8Array): boolean {
	switch (signature) {
		case 'pdf':
			return startsWith(bytes, ascii('%PDF-'));
		case 'png':
			return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		case 'jpg':
			return startsWith(bytes, [0xff, 0xd8, 0xff]);
		case 'gif':
			return startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'));
		case 'webp':
			return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
		case 'ole':
			return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		case 'zip':
			return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
	}
}

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export type FileCheck =
	| { ok: true; type: EvidenceType }
	| { ok: false; error: 'empty' | 'type_not_allowed' | 'content_mismatch' };

export function checkEvidenceFile(fileName: string, bytes: Uint8Array): FileCheck {
	if (bytes.length === 0) return { ok: false, error: 'empty' };
	const type = TYPES[extensionOf(fileName)];
	if (!type) return { ok: false, error: 'type_not_allowed' };
	if (!matches(type.signature, bytes)) return { ok: false, error: 'content_mismatch' };
	if (type.zipEntries && !zipHasEntries(bytes, type.zipEntries))
		return { ok: false, error: 'content_mismatch' };
	return { ok: true, type: { ext: type.ext, mime: type.mime, attachment: type.attachment } };
}

/** The stored type of a file, by its checked extension (for serving). */
export function evidenceTypeByExt(ext: string): EvidenceType | null {
	const t = TYPES[ext];
	return t ? { ext: t.ext, mime: t.mime, attachment: t.attachment } : null;
}
