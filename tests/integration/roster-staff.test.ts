import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, getStaff, listStaff, updateStaff } from '../../src/lib/server/roster/staff';
import { ConflictError } from '../../src/lib/server/errors';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import type { DB } from '../../src/lib/server/db';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('staff', () => {
	it('lists, creates and finds staff without diacritics', async () => {
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const actor = { principal: admin, requestId: 'test-1' };
		const id = await createStaff(db, actor, qt, {
			code: 'GVT01',
			fullName: 'Đặng Thị Hường',
			email: 'huong.test@demo.example',
			phone: '0912345678',
			position: 'teacher',
			subjectIds: []
		});
		const found = await listStaff(db, admin, qt, { q: 'dang thi huong' });
		expect(found.rows.map((r) => r.id)).toEqual([id]);
		const row = await getStaff(db, admin, qt, id);
		await updateStaff(db, actor, qt, id, { ...row, fullName: 'Đặng Thị Hương', code: row.code, email: row.email, phone: row.phone, position: row.position, subjectIds: [], version: row.version });
		await expect(
			updateStaff(db, actor, qt, id, { code: 'X1', fullName: 'Y', email: null, phone: null, position: 'teacher', subjectIds: [], version: row.version })
		).rejects.toBeInstanceOf(ConflictError);
		const ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
		await expect(listStaff(db, admin, ntt, {})).rejects.toMatchObject({ status: 404 });
	});
});
