/** Lower-case, without Vietnamese diacritics: "Trường THCS Quang Trung" -> "truong thcs quang trung". */
export function foldText(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** Unicode NFC with collapsed spaces: how names are stored. */
export function cleanText(value: string): string {
	return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Without control characters other than tab and line breaks (NUL cannot be stored at all). */
export function stripControlChars(value: string): string {
	return value.replace(CONTROL_CHARS, '');
}
