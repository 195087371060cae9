import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { listStaff } from '../../src/lib/server/roster/staff';
import { listStudents } from '../../src/lib/server/roster/students';
import { compareVi, VI_SORT_TABLE, viNameSortKey, viSortKey } from '../../src/lib/collation';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Issue 9, item 11: lists paged in SQL come back in Vietnamese order on both databases (the
 * embedded one has no ICU collation), through the stored `name_sort` of migration 0190.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Principal;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
});
afterAll(() => close());

/** In Vietnamese order of the given name (Ánh before Ân, Dung before Đức, Hà before Hoàng). */
const NAMES = [
	'Bùi Văn An',
	'Đỗ Thị Ánh',
	'Lý Minh Ân',
	'Lê Thị Dung',
	'Nguyễn Văn Đức',
	'Phạm Minh Em',
	'Trần Thu Hà',
	'Vũ Huy Hoàng',
	'Đặng Thị Ơn',
	'Hồ Văn Ưng'
];
const shuffled = [...NAMES].reverse();

describe('Vietnamese order in SQL', () => {
	it('computes the same key in SQL as viSortKey/viNameSortKey in TypeScript', async () => {
		const samples = [
			...NAMES,
			[...VI_SORT_TABLE.from].join(''),
			'Hà',
			'Hoàng',
			'6Đ',
			'a-b c_d',
			'Ngô  Bảo   Châu'
		];
		const rows = await sql<{ k: string; n: string }>`
			select vi_sort_key(v) as k, vi_name_sort_key(v) as n
			from unnest(${samples}::text[]) with ordinality as t(v, i) order by i`.execute(db);
		expect(rows.rows.map((r) => r.k)).toEqual(samples.map(viSortKey));
		expect(rows.rows.map((r) => r.n)).toEqual(samples.map(viNameSortKey));
	});

	it('orders by the key as Intl.Collator("vi") does', async () => {
		const words = ['Hoàng', 'Đào', 'Em', 'Dũng', 'Hà', 'Hạ', 'Ha', 'Há', 'Ân', 'Ăn', 'An', 'Ưu'];
		const rows = await sql<{ v: string }>`
			select v from unnest(${words}::text[]) as t(v) order by vi_sort_key(v) collate "C"`.execute(db);
		expect(rows.rows.map((r) => r.v)).toEqual([...words].sort(compareVi));
	});

	it('pages the staff list in Vietnamese order of the given name', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await trx
				.insertInto('staff')
				.values(shuffled.map((n, i) => ({ school_id: qt, code: `VIORD${i}`, full_name: n })))
				.execute();
			const list = await listStaff(trx, admin, qt, { q: 'viord', status: 'all' });
			expect(list.rows.map((r) => r.full_name)).toEqual(NAMES);
		});
	});

	it('pages the pupil list in Vietnamese order of the given name', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await trx
				.insertInto('students')
				.values(shuffled.map((n, i) => ({ school_id: qt, code: `VIORD${i}`, full_name: n })))
				.execute();
			const list = await listStudents(trx, admin, qt, { q: 'viord', status: 'all' });
			expect(list.rows.map((r) => r.full_name)).toEqual(NAMES);
		});
	});
});
