import { describe, expect, it } from 'vitest';
import { checkEvidenceFile } from '../../src/lib/rollout/file-types';
import { zipSync, strToU8 } from 'fflate';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
	);
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A real zip archive with these entries (and an optional archive comment). */
const zip = (names: string[], comment = '') => {
	const archive = zipSync(Object.fromEntries(names.map((n) => [n, strToU8('<x/>')])));
	if (!comment) return archive;
	// the comment goes at the end; its length is the last field of the end record
	const out = new Uint8Array(archive.length + comment.length);
	out.set(archive);
	out.set(strToU8(comment), archive.length);
	new DataView(out.buffer).setUint16(archive.length - 2, comment.length, true);
	return out;
};
const DOCX = ['[Content_Types].xml', 'word/document.xml', '_rels/.rels'];

describe('evidence file types', () => {
	it('accepts a file whose extension and first bytes agree', () => {
		expect(checkEvidenceFile('Quyết định.pdf', bytes('%PDF-1.7 ...'))).toMatchObject({
			ok: true,
			type: { mime: 'application/pdf', attachment: false }
		});
		expect(checkEvidenceFile('anh.PNG', bytes(PNG, 'rest'))).toMatchObject({ ok: true });
		expect(checkEvidenceFile('a.jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({
			ok: true,
			type: { ext: 'jpg' }
		});
		expect(checkEvidenceFile('a.webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toMatchObject({
			ok: true
		});
		expect(checkEvidenceFile('k.docx', zip(DOCX))).toMatchObject({
			ok: true,
			type: { attachment: true }
		});
		expect(
			checkEvidenceFile('k.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
		).toMatchObject({ ok: true, type: { attachment: true } });
	});

	it('refuses other extensions, including svg and html', () => {
		for (const name of ['a.exe', 'a.svg', 'a.html', 'noextension'])
			expect(checkEvidenceFile(name, bytes('%PDF-'))).toEqual({
				ok: false,
				error: 'type_not_allowed'
			});
	});

	it('refuses a file whose content does not match its extension', () => {
		expect(checkEvidenceFile('a.pdf', bytes('<html><script>'))).toEqual({
			ok: false,
			error: 'content_mismatch'
		});
		expect(checkEvidenceFile('a.png', bytes('%PDF-1.4'))).toMatchObject({ ok: false });
		// a zip that is not a Word document
		expect(checkEvidenceFile('a.docx', zip(['[Content_Types].xml', 'xl/workbook.xml']))).toEqual({
			ok: false,
			error: 'content_mismatch'
		});
		expect(
			checkEvidenceFile('a.xlsx', zip(['[Content_Types].xml', 'xl/workbook.xml']))
		).toMatchObject({
			ok: true
		});
		expect(checkEvidenceFile('a.pptx', zip(DOCX))).toMatchObject({ ok: false });
	});

	it('reads the zip directory, not the bytes: names in a comment or a stored file do not count', () => {
		// issue 8 item 8: only evil.html inside, the Word names in the archive comment
		const fake = zip(['evil.html'], 'word/document.xml [Content_Types].xml word/');
		expect(checkEvidenceFile('report.docx', fake)).toEqual({
			ok: false,
			error: 'content_mismatch'
		});
		const stored = zipSync(
			{ 'evil.html': strToU8('word/document.xml [Content_Types].xml') },
			{ level: 0 }
		);
		expect(checkEvidenceFile('report.docx', stored)).toEqual({
			ok: false,
			error: 'content_mismatch'
		});
		// a zip signature followed by the names, without a directory
		const bare = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...strToU8('word/document.xml')]);
		expect(checkEvidenceFile('report.docx', bare)).toEqual({
			ok: false,
			error: 'content_mismatch'
		});
	});

	it('refuses an empty file', () => {
		expect(checkEvidenceFile('a.pdf', new Uint8Array())).toEqual({ ok: false, error: 'empty' });
	});
});
