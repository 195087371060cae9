import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { todayIso } from '../../src/lib/dates';
import { addDays } from '../../src/lib/dates';
import {
	commitImport,
	getImportPreview,
	importContext,
	previewImport
} from '../../src/lib/server/usage/import';
import { adoptionExportTable } from '../../src/lib/server/usage/export';
import { toCsv } from '../../src/lib/server/spreadsheet/write';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction, platformId, runId, teacherEmails } from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
let admin: Principal;
let qt: number;
let teachers: string[];
let lms: number;
const day = addDays(todayIso(), -2);

beforeAll(async () => {
	({ db, close } = connectTestDb());
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	qt = await schoolIdByName(db, QUANG_TRUNG);
	teachers = await teacherEmails(db, qt);
	lms = await platformId(db, 'lms');
});
afterAll(() => close());

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function importedCount(batch: string) {
	const row = await db
		.selectFrom('usage_events')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('import_batch_id', '=', batch)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('importing a platform’s export', () => {
	it('previews a CSV, refuses to store any row while one is wrong, and stores all once it is right', async () => {
		const run = runId();
		const header = 'Mã sự kiện,Email giáo viên,Thời gian,Số phút,Lớp,Số học sinh';
		const good = [
			`${run}-1,${teachers[0]},${day} 08:00,45,8A,40`,
			`${run}-2,${teachers[1]},${day.split('-').reverse().join('/')} 09:30,30,,`
		];
		const bad = `${run}-3,someone@elsewhere.example,${day} 10:00,45,,`;
		const first = await previewImport(db, admin, qt, {
			platformId: lms,
			fileName: 'k12online.csv',
			bytes: bytes([header, ...good, bad].join('\n'))
		});
		const preview = await getImportPreview(db, admin, qt, first.id);
		expect(preview).toMatchObject({ rowCount: 3, errorCount: 1, status: 'preview' });
		expect(preview.errors).toEqual([{ row: 4, errors: ['teacherEmail: unknown_teacher'] }]);
		await expect(commitImport(db, admin, qt, first.id)).rejects.toMatchObject({
			code: 'usage_import_has_errors'
		});
		expect(await importedCount(first.id)).toBe(0);

		const second = await previewImport(db, admin, qt, {
			platformId: lms,
			fileName: 'k12online.csv',
			bytes: bytes(['\ufeff' + header, ...good].join('\r\n'))
		});
		expect(await commitImport(db, admin, qt, second.id)).toEqual({ accepted: 2, duplicates: 0 });
		expect(await importedCount(second.id)).toBe(2);
		await expect(commitImport(db, admin, qt, second.id)).rejects.toMatchObject({
			code: 'usage_import_done'
		});
		// the same file again: recognised, nothing stored twice
		const third = await previewImport(db, admin, qt, {
			platformId: lms,
			fileName: 'k12online.csv',
			bytes: bytes([header, ...good].join('\n'))
		});
		expect(await commitImport(db, admin, qt, third.id)).toEqual({ accepted: 0, duplicates: 2 });
	});

	it('reads an Excel file, with dates as cells and a file without an id column', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Export');
		sheet.addRow(['Teacher email', 'Date', 'Minutes', 'Class']);
		const [y, m, d] = day.split('-').map(Number);
		sheet.addRow([teachers[2], new Date(Date.UTC(y, m - 1, d, 14, 15)), 40, 'Lớp 9A']);
		sheet.addRow([teachers[3], `${day}T07:45:00+07:00`, 35, '']);
		const file = (await book.xlsx.writeBuffer()) as ArrayBuffer;
		const { id } = await previewImport(db, admin, qt, {
			platformId: lms,
			fileName: 'export.xlsx',
			bytes: file
		});
		const preview = await getImportPreview(db, admin, qt, id);
		expect(preview).toMatchObject({ rowCount: 2, errorCount: 0 });
		expect(await commitImport(db, admin, qt, id)).toEqual({ accepted: 2, duplicates: 0 });
		const stored = await db
			.selectFrom('usage_events')
			.select(['occurred_on', 'occurred_at', 'minutes', 'class_ids'])
			.where('import_batch_id', '=', id)
			.orderBy('minutes', 'desc')
			.execute();
		expect(stored[0]).toMatchObject({ occurred_on: day, minutes: 40 });
		// 14:15 in the sheet is Vietnam time
		expect(stored[0].occurred_at?.toISOString()).toBe(
			new Date(Date.UTC(y, m - 1, d, 7, 15)).toISOString()
		);
		expect(stored[0].class_ids).toHaveLength(1);
	});

	it('lets a preview expire after a day', async () => {
		const { id } = await previewImport(db, admin, qt, {
			platformId: lms,
			fileName: 'old.csv',
			bytes: bytes(`id,email,thời gian\n${runId()},${teachers[4]},${day}`)
		});
		await db
			.updateTable('usage_import_batches')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', id)
			.execute();
		expect((await getImportPreview(db, admin, qt, id)).status).toBe('discarded');
		await expect(commitImport(db, admin, qt, id)).rejects.toMatchObject({
			code: 'usage_import_expired'
		});
		expect(await importedCount(id)).toBe(0);
	});

	it('refuses unreadable files and files without the needed columns', async () => {
		await expect(
			previewImport(db, admin, qt, {
				platformId: lms,
				fileName: 'x.xlsx',
				bytes: bytes('not a zip')
			})
		).rejects.toMatchObject({ code: 'spreadsheet_unreadable' });
		await expect(
			previewImport(db, admin, qt, { platformId: lms, fileName: 'x.csv', bytes: bytes('a,b\n1,2') })
		).rejects.toMatchObject({ code: 'usage_import_no_header' });
	});

	it('is for the school’s admin only', async () => {
		for (const email of [
			'quangtrung.gv@demo.example',
			'so@demo.example',
			'nguyentatthanh.admin@demo.example'
		])
			await expect(importContext(db, await principalOf(db, email), qt)).rejects.toMatchObject({
				status: 404
			});
		await expect(importContext(db, admin, qt)).resolves.toHaveLength(12);
	});
});

describe('exporting the heat map', () => {
	it('neutralises text a spreadsheet would run as a formula', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await sql`update schools set name = '=HYPERLINK("http://evil.example","x")' where id = ${qt}`.execute(
				trx
			);
			const dept = await principalOf(trx, 'so@demo.example');
			const table = await adoptionExportTable(
				trx,
				dept,
				{},
				{
					headers: ['code', 'name', 'area', 'p', 'pn', 's', 't', 'a7', 'a30', 'share'],
					status: (s) => s
				},
				'vi'
			);
			expect(table.header[0]).toBe('code');
			expect(table.rows.length).toBe(123 * 12);
			const school = table.rows.find((r) => String(r[1]).includes('HYPERLINK'))!;
			expect(typeof school[6]).toBe('number');
			expect(toCsv(table)).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
		});
	});
});
