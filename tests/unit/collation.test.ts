import { describe, expect, it } from 'vitest';
import { compareVi, sortVi, viNameSortKey, viSortKey } from '../../src/lib/collation';

/** Byte order of the keys, as `collate "C"` compares them in SQL. */
const byKey = (key: (s: string) => string) => (a: string, b: string) =>
	key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
const sortedByKey = (words: string[]) => [...words].sort(byKey(viSortKey));

describe('Vietnamese sort key (issue 9, item 11)', () => {
	it('puts Đ after D and before E', () => {
		expect(sortedByKey(['Em', 'Đào', 'Dũng', 'Dương', 'Đỗ'])).toEqual([
			'Dũng',
			'Dương',
			'Đào',
			'Đỗ',
			'Em'
		]);
		expect(sortedByKey(['Đ', 'Z', 'E', 'D'])).toEqual(['D', 'Đ', 'E', 'Z']);
	});

	it('puts Hà before Hoàng', () => {
		expect(sortedByKey(['Hoàng', 'Hà'])).toEqual(['Hà', 'Hoàng']);
	});

	it('orders a word without tone before its toned forms, tones as the dictionary does', () => {
		// ngang, huyền, hỏi, ngã, sắc, nặng
		expect(sortedByKey(['Hạ', 'Há', 'Hã', 'Hả', 'Hà', 'Ha'])).toEqual([
			'Ha',
			'Hà',
			'Hả',
			'Hã',
			'Há',
			'Hạ'
		]);
		// the letters first, the tones only between otherwise equal words
		expect(sortedByKey(['Hàa', 'Há', 'Hab'])).toEqual(['Há', 'Hàa', 'Hab']);
	});

	it('orders the letters with marks after their base letter: a ă â, e ê, o ô ơ, u ư', () => {
		expect(sortedByKey(['Ân', 'Ăn', 'An', 'Bo'])).toEqual(['An', 'Ăn', 'Ân', 'Bo']);
		expect(sortedByKey(['Ơn', 'Ôn', 'On', 'Pa'])).toEqual(['On', 'Ôn', 'Ơn', 'Pa']);
		expect(sortedByKey(['Ưu', 'Uu', 'Vu'])).toEqual(['Uu', 'Ưu', 'Vu']);
		expect(sortedByKey(['Êm', 'Em', 'Fa'])).toEqual(['Em', 'Êm', 'Fa']);
	});

	it('agrees with Intl.Collator("vi") on names, cases, spaces and digits', () => {
		const words = [
			'Nguyễn Văn An',
			'Nguyễn Thị Ánh',
			'bé',
			'Bé',
			'BÉ',
			'Hà An',
			'Ha Anh',
			'10A',
			'6A',
			'6Đ',
			'6B',
			'a b',
			'a-b',
			'a1',
			'Yến',
			'Ý',
			'Ỳ',
			'Zoe'
		];
		expect(sortedByKey(words)).toEqual([...words].sort(compareVi));
	});

	it('sorts people by given name, then the whole name', () => {
		const names = ['Trần Văn Đức', 'Lê Thị Dung', 'Vũ Hoàng', 'Ngô Thu Hà', 'An Văn Hà'];
		expect([...names].sort(byKey(viNameSortKey))).toEqual([
			'Lê Thị Dung',
			'Trần Văn Đức',
			'An Văn Hà',
			'Ngô Thu Hà',
			'Vũ Hoàng'
		]);
	});

	it('sortVi sorts a list in the app with Intl.Collator("vi")', () => {
		const rows = [{ n: 'Hoàng' }, { n: 'Đào' }, { n: 'Hà' }, { n: 'Dũng' }];
		expect(sortVi(rows, (r) => r.n).map((r) => r.n)).toEqual(['Dũng', 'Đào', 'Hà', 'Hoàng']);
	});
});
