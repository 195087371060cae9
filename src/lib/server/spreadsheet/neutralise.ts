/**
 * The one formula neutraliser of the exports. A text cell starting with = + - @ (or a tab or
 * carriage return) would be read by Excel or LibreOffice as a formula ("CSV injection", OWASP):
 * such text gets a leading apostrophe, which spreadsheets show as plain text. Numbers and dates
 * stay what they are; the writers (write.ts) apply this to every text cell, headers included.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseText(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}
