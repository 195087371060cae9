/**
 * Vietnamese phone numbers as sign-in names. People write the same number as "0912 345 678",
 * "091.234.5678", "+84 912 345 678" or "84912345678"; all of them are one account. The stored form
 * is "+84" followed by the national number without its leading 0: 9 digits for a mobile number,
 * 10 for a landline (area code 2xx). Anything else is not a phone number.
 */
const SEPARATORS = /[\s.\-()]/g;

export function normalisePhone(input: string): string | null {
	const compact = input.normalize('NFKC').replace(SEPARATORS, '');
	let national: string;
	if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
	else if (/^0084\d+$/.test(compact)) national = compact.slice(4);
	else if (/^84\d{9,10}$/.test(compact)) national = compact.slice(2);
	else if (/^0\d+$/.test(compact)) national = compact.slice(1);
	else return null;
	if (national.startsWith('0')) return null;
	const mobile = /^[35789]\d{8}$/.test(national);
	const landline = /^2\d{9}$/.test(national);
	return mobile || landline ? `+84${national}` : null;
}

/** The way Vietnamese people read their number: "0912 345 678". */
export function displayPhone(normalised: string): string {
	const national = `0${normalised.replace(/^\+84/, '')}`;
	return national.length === 10
		? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
		: `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}

/** A sign-in name: an e-mail address (it has an @) or a phone number. */
export type LoginName = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export function parseLoginName(input: string): LoginName | null {
	const trimmed = input.trim();
	if (trimmed.includes('@')) return { kind: 'email', value: trimmed.toLowerCase() };
	const phone = normalisePhone(trimmed);
	return phone ? { kind: 'phone', value: phone } : null;
}
