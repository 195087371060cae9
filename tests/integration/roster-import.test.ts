import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import {
	confirmBatch,
	createBatch,
	discardBatch,
	getBatch,
	type ImportScope
} from '../../src/lib/server/roster/import/batches';
import { toImportSheet } from '../../src/lib/server/roster/import/parse';
import { SHEET_LIMITS } from '../../src/lib/server/spreadsheet/limits';
import { parseSheet } from '../../src/lib/server/spreadsheet/parse';
import type { ImportKind } from '../../src/lib/roster/import-columns';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { makeDepartment } from '../helpers/department';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
let school: ImportScope;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
	school = { type: 'school', schoolId: qt };
});
afterAll(() => close());

const upload = (
	kind: ImportKind,
	csv: string,
	updateExisting = false,
	scope = school,
	actor = admin
) =>
	createBatch(db, actor, scope, {
		kind,
		fileName: `${kind}.csv`,
		updateExisting,
		sheet: toImportSheet(parseSheet('csv', new TextEncoder().encode(csv), SHEET_LIMITS))
	});

const studentsWithPrefix = async (prefix: string) =>
	(
		await db
			.selectFrom('students')
			.select(['code', 'full_name', 'class_id', 'ethnicity_code'])
			.where('school_id', '=', qt)
			.where('code', 'like', `${prefix}%`)
			.orderBy('code')
			.execute()
	).map((s) => s);

const HEADER = 'Mã học sinh;Họ và tên;Ngày sinh;Giới tính;Dân tộc;Lớp';

describe('imports are all or nothing', () => {
	it('writes nothing while one row is bad, then imports the fixed file in one go', async () => {
		const before = (
			await db
				.selectFrom('schools')
				.select('student_count')
				.where('id', '=', qt)
				.executeTakeFirstOrThrow()
		).student_count;
		const bad = `${HEADER}\nIMP-A1;Sùng Thị Mỷ;05/09/2014;Nữ;Mông;6A\nIMP-A2;Lầu A Dế;31/02/2014;Nam;Mông;6A\nIMP-A3;Lò Văn Chính;12/12/2014;Nam;Thái;6B\n`;
		const badId = await upload('students', bad);
		const preview = await getBatch(db, admin.principal, school, badId);
		expect(preview.errors.map((e) => [e.row, e.field, e.code])).toEqual([
			[3, 'dateOfBirth', 'v_date']
		]);
		expect(await confirmBatch(db, admin, school, badId)).toEqual({ ok: false, errors: 1 });
		expect(await studentsWithPrefix('IMP-A')).toEqual([]);

		const goodId = await upload('students', bad.replace('31/02/2014', '28/02/2014'));
		const result = await confirmBatch(db, admin, school, goodId);
		expect(result).toEqual({ ok: true, summary: { rows: 3, create: 3, update: 0, link: 0 } });
		const rows = await studentsWithPrefix('IMP-A');
		expect(rows.map((r) => [r.code, r.full_name, r.ethnicity_code])).toEqual([
			['IMP-A1', 'Sùng Thị Mỷ', '08'],
			['IMP-A2', 'Lầu A Dế', '08'],
			['IMP-A3', 'Lò Văn Chính', '03']
		]);
		const after = await db
			.selectFrom('schools')
			.select('student_count')
			.where('id', '=', qt)
			.executeTakeFirstOrThrow();
		// Other test files add pupils to the same school while this one runs (one shared database),
		// so the school's count grew by at least the three imported pupils.
		expect(after.student_count).toBeGreaterThanOrEqual(before + 3);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('request_id', 'is', null)
			.where(sql<boolean>`after->>'import_batch' = ${goodId}`)
			.execute();
		expect(audit.map((a) => a.action)).toEqual([
			'student.create',
			'student.create',
			'student.create'
		]);
		const commit = await db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'import_batch')
			.where('entity_id', '=', goodId)
			.executeTakeFirstOrThrow();
		expect(commit.after).toMatchObject({ kind: 'students', create: 3 });
		// A committed batch cannot be confirmed twice, and keeps no personal data.
		expect(await confirmBatch(db, admin, school, goodId)).toEqual({ ok: false, errors: 0 });
		const stored = await db
			.selectFrom('import_batches')
			.select(['status', 'rows'])
			.where('id', '=', goodId)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ status: 'committed', rows: [] });
	});

	it('rolls back every row when the database refuses one of them while writing', async () => {
		// A trigger refuses one code in the second chunk of 1,000 rows: the checks cannot see it.
		await sql`create or replace function refuse_boom() returns trigger language plpgsql as $$
			begin if new.code = 'IMP-B-BOOM' then raise exception 'refused'; end if; return new; end $$`.execute(
			db
		);
		await sql`create trigger refuse_boom before insert on students for each row execute function refuse_boom()`.execute(
			db
		);
		try {
			const lines = Array.from({ length: 1500 }, (_, i) =>
				i === 1200
					? 'IMP-B-BOOM;Hà Văn Nổ;01/01/2013;Nam;Tày;'
					: `IMP-B-${i};Hà Thị Lan;01/01/2013;Nữ;Tày;`
			);
			const id = await upload('students', `${HEADER}\n${lines.join('\n')}\n`);
			await expect(confirmBatch(db, admin, school, id)).rejects.toThrow();
			expect(await studentsWithPrefix('IMP-B-')).toEqual([]);
			const batch = await getBatch(db, admin.principal, school, id);
			expect(batch.status).toBe('preview');
			const audit = await db
				.selectFrom('audit_log')
				.select('id')
				.where(sql<boolean>`after->>'import_batch' = ${id}`)
				.execute();
			expect(audit).toEqual([]);
		} finally {
			await sql`drop trigger refuse_boom on students`.execute(db);
		}
	});

	it('confirms one of two imports of the same new code sent together; the other is refused, never a 500 (issue 8, item 5)', async () => {
		const a = await upload('students', `${HEADER}\nIMP-R1;Đinh Thị Một;01/01/2013;Nữ;Kinh;\n`);
		const b = await upload('students', `${HEADER}\nIMP-R1;Đinh Thị Hai;01/01/2013;Nữ;Kinh;\n`);
		const results = await Promise.allSettled([
			confirmBatch(db, admin, school, a),
			confirmBatch(db, admin, school, b)
		]);
		for (const r of results) expect(r.status).toBe('fulfilled');
		const oks = results.map((r) => (r.status === 'fulfilled' ? r.value.ok : null));
		expect(oks.filter((x) => x === true)).toHaveLength(1);
		expect((await studentsWithPrefix('IMP-R')).map((s) => s.code)).toEqual(['IMP-R1']);
	});

	it('checks again at confirmation: a code taken since the preview stops the whole file', async () => {
		const id = await upload(
			'students',
			`${HEADER}\nIMP-C1;Đinh Thị Hoa;01/01/2013;Nữ;Mường;\nIMP-C2;Đinh Văn Công;01/01/2013;Nam;Mường;\n`
		);
		await upload('students', `${HEADER}\nIMP-C2;Người Khác;02/02/2013;Nam;Kinh;\n`).then((other) =>
			confirmBatch(db, admin, school, other)
		);
		expect(await confirmBatch(db, admin, school, id)).toEqual({ ok: false, errors: 1 });
		expect((await studentsWithPrefix('IMP-C')).map((s) => s.code)).toEqual(['IMP-C2']);
		const batch = await getBatch(db, admin.principal, school, id);
		expect(batch.errors[0]).toMatchObject({ row: 3, field: 'code', code: 'roster_import_exists' });
	});

	it('updates only the columns of the file when asked to update existing codes', async () => {
		await confirmBatch(
			db,
			admin,
			school,
			await upload('students', `${HEADER}\nIMP-D1;Vàng A Chứ;01/01/2013;Nam;Mông;7A\n`)
		);
		const id = await upload(
			'students',
			'Mã học sinh,Họ và tên,Ngày sinh\nIMP-D1,Vàng A Chư,01/01/2013\n',
			true
		);
		expect(await confirmBatch(db, admin, school, id)).toMatchObject({
			ok: true,
			summary: { update: 1 }
		});
		const [row] = await studentsWithPrefix('IMP-D1');
		expect(row).toMatchObject({ full_name: 'Vàng A Chư', ethnicity_code: '08' });
		expect(row.class_id).not.toBeNull();
	});

	it('links guardians to pupils by code, one guardian for siblings', async () => {
		await confirmBatch(
			db,
			admin,
			school,
			await upload(
				'students',
				`${HEADER}\nIMP-E1;Giàng A Páo;01/01/2013;Nam;Mông;7A\nIMP-E2;Giàng Thị Sang;01/01/2015;Nữ;Mông;6A\n`
			)
		);
		const csv =
			'Mã học sinh,Họ và tên phụ huynh,Quan hệ,Số điện thoại\nIMP-E1,Giàng A Co,Bố,0911222333\nIMP-E2,Giàng A Co,Bố,0911222333\nIMP-E2,Thào Thị Mai,Mẹ,0911222444\n';
		const id = await upload('guardians', csv);
		expect(await confirmBatch(db, admin, school, id)).toEqual({
			ok: true,
			summary: { rows: 3, create: 2, update: 0, link: 3 }
		});
		const links = await db
			.selectFrom('student_guardians')
			.innerJoin('students', 'students.id', 'student_guardians.student_id')
			.innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
			.select([
				'students.code',
				'guardians.full_name',
				'guardians.id',
				'student_guardians.relationship'
			])
			.where('students.code', 'in', ['IMP-E1', 'IMP-E2'])
			.orderBy('students.code')
			.orderBy('guardians.full_name')
			.execute();
		expect(links.map((l) => [l.code, l.full_name, l.relationship])).toEqual([
			['IMP-E1', 'Giàng A Co', 'father'],
			['IMP-E2', 'Giàng A Co', 'father'],
			['IMP-E2', 'Thào Thị Mai', 'mother']
		]);
		expect(links[0].id).toBe(links[1].id);
		const again = await upload('guardians', csv);
		const preview = await getBatch(db, admin.principal, school, again);
		expect(preview.errors.map((e) => e.code)).toEqual(Array(3).fill('roster_import_link_exists'));
	});

	it('keeps batches to their school and imports to school admins', async () => {
		const id = await upload('classes', 'Khối,Tên lớp\n9,9K\n');
		const ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
		const nttAdmin = await principalOf(db, 'nguyentatthanh.admin@demo.example');
		await expect(
			getBatch(db, nttAdmin, { type: 'school', schoolId: ntt }, id)
		).rejects.toMatchObject({ status: 404 });
		await expect(getBatch(db, nttAdmin, school, id)).rejects.toMatchObject({ status: 404 });
		const teacher = { principal: await principalOf(db, 'quangtrung.gv@demo.example') };
		await expect(confirmBatch(db, teacher, school, id)).rejects.toMatchObject({ status: 404 });
		await expect(
			upload('classes', 'Khối,Tên lớp\n9,9L\n', false, school, teacher)
		).rejects.toMatchObject({ status: 404 });
		await discardBatch(db, admin, school, id);
		expect(await confirmBatch(db, admin, school, id)).toEqual({ ok: false, errors: 0 });
	});
});

describe('schools import (department)', () => {
	it('creates schools in the department and moves one to another area, audited', async () => {
		const { departmentId, areas, principal } = await makeDepartment(db, 'IMP');
		const actor = { principal };
		const scope: ImportScope = { type: 'department', departmentId };
		const header = 'Mã trường,Tên trường,Cấp học,Khu vực,Xã/phường,Số điện thoại';
		const first = await upload(
			'schools',
			`${header}\nT-IMP-1,Trường PTDTBT TH&THCS Hồ Bốn,PTDTBT TH&THCS,${areas[0].name},Hồ Bốn,2163871234\nT-IMP-2,Trường THCS Lý Tự Trọng,THCS,A1,,\n`,
			false,
			scope,
			actor
		);
		expect(await confirmBatch(db, actor, scope, first)).toMatchObject({
			ok: true,
			summary: { create: 2 }
		});
		const created = await db
			.selectFrom('schools')
			.select(['id', 'code', 'level', 'phone', 'area_id'])
			.where('department_id', '=', departmentId)
			.orderBy('code')
			.execute();
		expect(created.map((s) => [s.code, s.level, s.phone])).toEqual([
			['T-IMP-1', 'PTDTBT_TH_THCS', '02163871234'],
			['T-IMP-2', 'THCS', null]
		]);
		const move = await upload(
			'schools',
			`Mã trường,Tên trường,Cấp học,Khu vực\nT-IMP-2,Trường THCS Lý Tự Trọng,THCS,${areas[1].name}\n`,
			true,
			scope,
			actor
		);
		expect(await confirmBatch(db, actor, scope, move)).toMatchObject({
			ok: true,
			summary: { update: 1 }
		});
		const moved = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity', '=', 'school')
			.where('entity_id', '=', String(created[1].id))
			.where('action', '=', 'school.move_area')
			.executeTakeFirstOrThrow();
		expect(moved).toMatchObject({
			before: { area_id: areas[0].id },
			after: { area_id: areas[1].id }
		});
		// A code of the demo province belongs to another department.
		const demo = await db
			.selectFrom('schools')
			.select('code')
			.where('id', '=', qt)
			.executeTakeFirstOrThrow();
		const foreign = await upload(
			'schools',
			`${header}\n${demo.code},Trường Lạ,THCS,A1,,\n`,
			true,
			scope,
			actor
		);
		expect((await getBatch(db, principal, scope, foreign)).errors[0]).toMatchObject({
			code: 'roster_import_code_in_other_department'
		});
		const so = await principalOf(db, 'so@demo.example');
		await expect(getBatch(db, so, scope, foreign)).rejects.toMatchObject({ status: 404 });
	});
});
