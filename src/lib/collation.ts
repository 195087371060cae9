/**
 * Vietnamese alphabetical order, the same in the browser, in TypeScript and in SQL.
 *
 * In the app: `compareVi` / `sortVi` (Intl.Collator('vi')). In SQL the embedded database has no
 * ICU collations, so lists paged in SQL order by a stored key: `vi_sort_key(text)` and
 * `vi_name_sort_key(full_name)` of migration 0190 compute with `translate()` what `viSortKey` and
 * `viNameSortKey` below compute, compared byte by byte (`collate "C"`). The key has three levels,
 * as the collator's: the letters (a < ă < â < b … d < đ < e < ê … o < ô < ơ … u < ư), then the tones
 * (none < huyền < hỏi < ngã < sắc < nặng), then the case (lower first).
 */

const collator = new Intl.Collator('vi');

/** Vietnamese order of two texts (Intl.Collator('vi')). */
export const compareVi = (a: string, b: string): number => collator.compare(a, b);

/** A copy of `items` in Vietnamese order of `key(item)`. */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
	return [...items].sort((a, b) => collator.compare(key(a), key(b)));
}

/** The letters in Vietnamese order (f, j, w, z for foreign names). */
export const VI_ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const TONE_MARKS = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền hỏi ngã sắc nặng
const TONED_VOWELS = 'aăâeêioôơuưy';
/** The letters' primary weights start here: above space, punctuation and digits. */
const FIRST_LETTER_CODE = 0x41;
/** ASCII punctuation that falls between the letters' weights: weighed as '/' (below the digits). */
const PUNCTUATION_AMONG_LETTERS = '[\\]^_`{|}~';

function letterTable() {
	const from: string[] = [];
	const primary: string[] = [];
	const tone: string[] = [];
	const letterCase: string[] = [];
	const add = (ch: string, base: string, t: number) => {
		const code = String.fromCharCode(FIRST_LETTER_CODE + VI_ALPHABET.indexOf(base));
		for (const [c, k] of [
			[ch, '0'],
			[ch.toUpperCase(), '1']
		]) {
			from.push(c);
			primary.push(code);
			tone.push(String(t));
			letterCase.push(k);
		}
	};
	for (const base of VI_ALPHABET) add(base, base, 0);
	for (const base of TONED_VOWELS)
		TONE_MARKS.forEach((mark, i) => add((base + mark).normalize('NFC'), base, i + 1));
	for (const p of PUNCTUATION_AMONG_LETTERS) {
		from.push(p);
		primary.push('/');
		tone.push(p);
		letterCase.push(p);
	}
	return {
		from: from.join(''),
		primary: primary.join(''),
		tone: tone.join(''),
		letterCase: letterCase.join('')
	};
}

/** The `translate()` tables of migration 0190 (a test compares them with the SQL function). */
export const VI_SORT_TABLE = letterTable();

const maps = (() => {
	const chars = [...VI_SORT_TABLE.from];
	const build = (to: string) => {
		const out = [...to];
		return new Map(chars.map((c, i) => [c, out[i]]));
	};
	return {
		primary: build(VI_SORT_TABLE.primary),
		tone: build(VI_SORT_TABLE.tone),
		letterCase: build(VI_SORT_TABLE.letterCase)
	};
})();

const translate = (value: string, map: Map<string, string>) =>
	[...value].map((c) => map.get(c) ?? c).join('');

const LEVEL = '\u0001';

/** A key whose byte order (collate "C") is the Vietnamese order of `value` (NFC text). */
export function viSortKey(value: string): string {
	return [maps.primary, maps.tone, maps.letterCase].map((m) => translate(value, m)).join(LEVEL);
}

/** The key of a person's name as lists sort it: by given name (the last word), then the whole name. */
export function viNameSortKey(fullName: string): string {
	const given = fullName.replace(/^.*\s/s, '');
	return viSortKey(given) + LEVEL + viSortKey(fullName);
}
