/**
 * Reading what our PDFs say about themselves without a PDF library: the document information
 * dictionary is never compressed, so its Title (UTF-16BE with a byte-order mark when it is not
 * ASCII, escaped as a PDF literal string) can be decoded from the bytes. Page text is compressed
 * glyph ids and is not read here.
 */
export function pdfTitle(bytes: Uint8Array): string | null {
	const text = Buffer.from(bytes).toString('latin1');
	// pdfkit writes `/Title n 0 R` and the string as object n; older versions inline it
	const ref = /\/Title (\d+) 0 R/.exec(text);
	const marker = ref ? `\n${ref[1]} 0 obj\n(` : '/Title (';
	const start = text.indexOf(marker);
	if (start < 0) return null;
	let i = start + marker.length;
	const out: number[] = [];
	const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
	while (i < text.length && text[i] !== ')') {
		let ch = text.charCodeAt(i);
		if (text[i] === '\\') {
			i++;
			const next = text[i];
			ch = next in escapes ? escapes[next] : text.charCodeAt(i);
		}
		out.push(ch);
		i++;
	}
	const raw = Buffer.from(out);
	if (raw[0] === 0xfe && raw[1] === 0xff) return raw.subarray(2).swap16().toString('utf16le');
	return raw.toString('latin1');
}

export function pdfPageCount(bytes: Uint8Array): number {
	return (
		Buffer.from(bytes)
			.toString('latin1')
			.match(/\/Type \/Page\b/g) ?? []
	).length;
}
