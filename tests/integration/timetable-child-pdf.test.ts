import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { studentWhere } from '../../src/lib/server/auth/access/classes';
import { childTimetablePdf } from '../../src/lib/server/timetable/child-pdf';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { pdfPageCount, pdfTitle } from '../helpers/pdf';

/**
 * The parent's PDF of a child's class week: the own child's class, titled with the class, one A4
 * landscape page; another family's child, a pupil of another school, an unknown id and a teacher
 * (no guardian) all get nothing (the route's 404).
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
const as = (email: string) => principalOf(db, `${email}@demo.example`);

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
});
afterAll(() => close());

describe("the parent's timetable PDF", () => {
	it("renders the own child's class week", async () => {
		const parent = await as('quangtrung.ph');
		const child = await db
			.selectFrom('students as s')
			.innerJoin('classes as c', 'c.id', 's.class_id')
			.select(['s.id', 'c.name as className'])
			.where('s.school_id', '=', qt)
			.where(studentWhere(parent, 'student.family', 's'))
			.orderBy('s.id')
			.executeTakeFirstOrThrow();
		const pdf = (await childTimetablePdf(db, parent, child.id))!;
		expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdfTitle(pdf.bytes)).toBe(`Thời khóa biểu lớp ${child.className}`);
		expect(pdfPageCount(pdf.bytes)).toBe(1);
		expect(Buffer.from(pdf.bytes).toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
	});

	it("gives nothing for another family's child, another school's pupil or a non-parent", async () => {
		const parent = await as('quangtrung.ph');
		const notMine = (same: boolean) =>
			db
				.selectFrom('students as s')
				.select('s.id')
				.where('s.class_id', 'is not', null)
				.where('s.school_id', same ? '=' : '<>', qt)
				.where(sql<boolean>`not ${studentWhere(parent, 'student.family', 's')}`)
				.orderBy('s.id')
				.executeTakeFirstOrThrow();
		const sameSchool = await notMine(true);
		const elsewhere = await notMine(false);
		expect(await childTimetablePdf(db, parent, sameSchool.id)).toBeNull();
		expect(await childTimetablePdf(db, parent, elsewhere.id)).toBeNull();
		expect(await childTimetablePdf(db, parent, 2_147_483_647)).toBeNull();
		const teacher = await as('quangtrung.gv');
		expect(await childTimetablePdf(db, teacher, sameSchool.id)).toBeNull();
	});
});
