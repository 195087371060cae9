import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { pdfResponse } from '../../src/lib/server/pdf';
import { timetablePdf } from '../../src/lib/server/timetable/pdf';
import { versionsInForce } from '../../src/lib/server/timetable/views';
import { connectTestDb, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { pdfPageCount, pdfTitle } from '../helpers/pdf';

/**
 * The PDF of a class's and a teacher's week of Quang Trung's published timetable: a PDF whose
 * title (in the document's metadata, the one text a test can read back) names the class or the
 * teacher with their Vietnamese letters; one landscape page; nothing for a class not in it.
 */
let db: DB;
let close: () => Promise<void>;
let version: { id: number; days: number; periodsPerDay: number; effectiveFrom: string };
let cls: { id: number; name: string };
let teacher: { id: number; name: string };
const school = { name: QUANG_TRUNG };

beforeAll(async () => {
	({ db, close } = connectTestDb());
	const qt = await schoolIdByName(db, QUANG_TRUNG);
	version = (await versionsInForce(db, [qt])).get(qt)!;
	const cell = await db
		.selectFrom('timetable_cells as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('staff as s', 's.id', 'c.staff_id')
		.select(['cl.id as classId', 'cl.name as className', 's.id as staffId', 's.full_name'])
		.where('c.version_id', '=', version.id)
		.where('s.full_name', '~', '[^\\x00-\\x7f]')
		.orderBy('cl.name')
		.executeTakeFirstOrThrow();
	cls = { id: cell.classId, name: cell.className };
	teacher = { id: cell.staffId, name: cell.full_name };
});
afterAll(() => close());

describe('timetable PDF', () => {
	it("renders a class's week, titled with the class", async () => {
		const pdf = (await timetablePdf(db, school, version, { class: cls.id }))!;
		expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdfTitle(pdf.bytes)).toBe(`Thời khóa biểu lớp ${cls.name}`);
		expect(pdfPageCount(pdf.bytes)).toBe(1);
		// A4 landscape: 841.89 x 595.28 points
		expect(Buffer.from(pdf.bytes).toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
		const res = pdfResponse(pdf.bytes, pdf.title, { inline: true });
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toContain(
			encodeURIComponent(`Thời khóa biểu lớp ${cls.name}`)
		);
	});

	it("renders a teacher's week, their name with its diacritics", async () => {
		const pdf = (await timetablePdf(db, school, version, { teacher: teacher.id }))!;
		expect(pdfTitle(pdf.bytes)).toBe(`Thời khóa biểu của giáo viên ${teacher.name}`);
	});

	it('has nothing for a class or teacher not in the version, or neither named', async () => {
		expect(await timetablePdf(db, school, version, { class: 2_147_483_647 })).toBeNull();
		expect(await timetablePdf(db, school, version, { teacher: 2_147_483_647 })).toBeNull();
		expect(await timetablePdf(db, school, version, {})).toBeNull();
	});
});
