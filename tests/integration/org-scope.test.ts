import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSchools, getSchoolDetail } from '../../src/lib/server/org/schools';
import { listParentChildren, listTeacherClasses } from '../../src/lib/server/org/people';
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

describe('school directory scope', () => {
	it('shows the department all 123 schools', async () => {
		const result = await listSchools(db, await principalOf(db, 'so@demo.example'), {
			pageSize: 500
		});
		expect(result.total).toBe(123);
	});

	it('shows an area official only the schools of their area', async () => {
		const official = await principalOf(db, 'vanyen@demo.example');
		const result = await listSchools(db, official, { pageSize: 500 });
		expect(result.total).toBeGreaterThan(0);
		expect(result.total).toBeLessThan(123);
		expect(new Set(result.rows.map((r) => r.area_name))).toEqual(new Set(['Văn Yên']));
	});

	it('shows school staff only their own school', async () => {
		for (const email of ['quangtrung.admin@demo.example', 'quangtrung.gv@demo.example']) {
			const result = await listSchools(db, await principalOf(db, email));
			expect(result.rows.map((r) => r.name)).toEqual([QUANG_TRUNG]);
		}
	});

	it('answers 404 for a school outside the scope', async () => {
		const ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		await expect(getSchoolDetail(db, teacher, ntt)).rejects.toMatchObject({ status: 404 });
		const official = await principalOf(db, 'vanyen@demo.example');
		await expect(getSchoolDetail(db, official, ntt)).rejects.toMatchObject({ status: 404 });
		const dept = await principalOf(db, 'so@demo.example');
		await expect(getSchoolDetail(db, dept, ntt)).resolves.toMatchObject({ id: ntt });
	});

	it('finds schools without diacritics', async () => {
		const result = await listSchools(db, await principalOf(db, 'so@demo.example'), {
			q: 'quang trung'
		});
		expect(result.rows.map((r) => r.name)).toContain(QUANG_TRUNG);
	});
});

describe('teacher and parent homes', () => {
	it("lists a teacher's homeroom class and the classes they teach, nothing else", async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const classes = await listTeacherClasses(db, teacher);
		expect(classes.find((c) => c.name === '8A')?.is_homeroom).toBe(true);
		expect(classes.every((c) => c.school_name === QUANG_TRUNG)).toBe(true);
		expect(classes.every((c) => c.is_homeroom || c.subjects_vi)).toBe(true);
	});

	it("lists only the parent's own children", async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const children = await listParentChildren(db, parent);
		expect(children.map((c) => c.class_name).sort()).toEqual(['6C', '8A']);
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		expect(await listParentChildren(db, teacher)).toEqual([]);
	});
});
