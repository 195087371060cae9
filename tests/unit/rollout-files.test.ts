import { describe, expect, it } from 'vitest';
import { checkEvidenceFile } from '../../src/lib/rollout/file-types';
import { neutraliseCell, toCsv } from '../../src/lib/rollout/spreadsheet';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
	);
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

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
		expect(checkEvidenceFile('k.docx', bytes(ZIP, '....word/document.xml'))).toMatchObject({
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
		expect(checkEvidenceFile('a.docx', bytes(ZIP, '....xl/workbook.xml'))).toMatchObject({
			ok: false,
			error: 'content_mismatch'
		});
	});

	it('refuses an empty file', () => {
		expect(checkEvidenceFile('a.pdf', new Uint8Array())).toEqual({ ok: false, error: 'empty' });
	});
});

describe('spreadsheet formula neutralisation', () => {
	it('prefixes text starting with = + - @ so it stays text', () => {
		expect(neutraliseCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
		expect(neutraliseCell('+84 912')).toBe("'+84 912");
		expect(neutraliseCell('-1+2')).toBe("'-1+2");
		expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(neutraliseCell('\t=1')).toBe("'\t=1");
	});

	it('leaves ordinary text and numbers alone', () => {
		expect(neutraliseCell('Trường TH&THCS Mậu A')).toBe('Trường TH&THCS Mậu A');
		expect(neutraliseCell(-5)).toBe(-5);
		expect(neutraliseCell(null)).toBeNull();
	});

	it('writes CSV with a BOM, quotes where needed and neutralised cells', () => {
		const csv = toCsv(
			['Tên', 'Ghi chú'],
			[
				['=1+1', 'a, "b"'],
				[3, null]
			]
		);
		expect(csv).toBe('\uFEFFTên,Ghi chú\r\n\'=1+1,"a, ""b"""\r\n3,\r\n');
	});
});
