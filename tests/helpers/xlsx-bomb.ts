import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';

/**
 * A valid XLSX whose sheet XML inflates to `megabytes` MB of repeated cells (rows of 50 cells of
 * 1,000 letters: under the row and cell limits, far over the bytes): a decompression bomb,
 * generated at test time (streamed through fflate, so the test never holds the inflated XML).
 * Takes a few seconds: generate once per test file.
 */
export function xlsxBomb(megabytes: number): Uint8Array {
	const chunks: Uint8Array[] = [];
	const zip = new Zip((err, chunk) => {
		if (err) throw err;
		chunks.push(chunk);
	});
	const small = (name: string, text: string) => {
		const f = new ZipPassThrough(name);
		zip.add(f);
		f.push(strToU8(text), true);
	};
	small(
		'[Content_Types].xml',
		'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
	);
	small(
		'xl/workbook.xml',
		'<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'
	);
	small(
		'xl/_rels/workbook.xml.rels',
		'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
	);
	const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
	zip.add(sheet);
	sheet.push(strToU8('<worksheet><sheetData>'));
	const cell = `<c t="inlineStr"><is><t>${'A'.repeat(1000)}</t></is></c>`;
	const row = strToU8(`<row>${cell.repeat(50)}</row>`);
	for (let made = 0; made < megabytes * 1024 * 1024; made += row.length) sheet.push(row);
	sheet.push(strToU8('</sheetData></worksheet>'), true);
	zip.end();
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** A copy of the archive whose central directory declares the sheet `megabytes` MB: a lie. */
export function withDeclaredSheetSize(archive: Uint8Array, megabytes: number): Uint8Array {
	const bytes = archive.slice();
	const size = megabytes * 1024 * 1024;
	const dv = new DataView(bytes.buffer);
	const name = strToU8('xl/worksheets/sheet1.xml');
	for (let i = bytes.length - 22; i >= 0; i--) {
		if (dv.getUint32(i, true) !== 0x02014b50) continue;
		const nameLength = dv.getUint16(i + 28, true);
		const entry = bytes.subarray(i + 46, i + 46 + nameLength);
		if (nameLength === name.length && entry.every((b, k) => b === name[k])) {
			dv.setUint32(i + 24, size, true);
			return bytes;
		}
	}
	throw new Error('sheet entry not found');
}
