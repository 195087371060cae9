import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_ITEMS } from '../../src/lib/grades/primary';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { FAMILY } from '../../src/lib/server/grades/parent';
import { loadPupilCard, type PupilCardAnswer } from '../../src/lib/server/grades/report-card';
import { reportCardPdf } from '../../src/lib/server/grades/report-card-view';
import {
	primaryClassList,
	primarySubjects,
	type PrimaryClass
} from '../../src/lib/server/primary/classes';
import { saveQualities } from '../../src/lib/server/primary/qualities';
import type { PrimaryCardData } from '../../src/lib/server/primary/report-card';
import { primaryCardView } from '../../src/lib/server/primary/report-card-view';
import { saveAssessments } from '../../src/lib/server/primary/save';
import { connectTestDb, principalOf } from '../helpers/context';
import { pdfTitle } from '../helpers/pdf';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The primary report card (Circular 27) on the demo classes of TH&THCS Đông Cuông: only a published
 * checkpoint, only the family (own child) and the class's homeroom teacher or the school admin;
 * levels, tests, qualities, comments, the year result; no average, no rank, no other pupil. Writes
 * and publications happen in rolled-back transactions.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let parent: Principal;
let otherTeacher: Principal;
let otherParent: Principal;
let c1: PrimaryClass;
let c4: PrimaryClass;
let child: number;
let pupils1: number[];

const actor = (principal: Principal) => ({ principal, requestId: 'primary-card-test' });
const staff = () => ({ permission: 'class.homeroom' as const, schoolId: c4.schoolId });
const pupilsOf = async (classId: number) =>
	(
		await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '=', classId)
			.orderBy('id')
			.execute()
	).map((r) => r.id);

function primaryOf(answer: PupilCardAnswer): PrimaryCardData {
	if (!answer.published || !('primaryCard' in answer)) throw new Error('no primary card');
	return answer.primaryCard;
}

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
	parent = await principalOf(db, 'dongcuong.ph@demo.example');
	otherTeacher = await principalOf(db, 'quangtrung.gv@demo.example');
	otherParent = await principalOf(db, 'quangtrung.ph@demo.example');
	const list = await primaryClassList(db, teacher);
	c1 = list.find((c) => c.name === '1A')!;
	c4 = list.find((c) => c.name === '4A')!;
	child = (await pupilsOf(c4.id))[0];
	pupils1 = await pupilsOf(c1.id);
});
afterAll(() => close());

describe('the primary report card', () => {
	it('shows the parent the published mid-term I of their own child: levels, tests, qualities', async () => {
		const card = primaryOf(await loadPupilCard(db, parent, child, 'mid1', FAMILY));
		expect(card.grade).toBe(4);
		expect(card.primary.checkpoints.map((c) => c.checkpoint)).toEqual(['mid1']);
		const view = primaryCardView(card);
		expect(view.title).toBe('Kết quả đánh giá học sinh tiểu học · Giữa học kì I');
		// grade 4 has mid-term tests (Tiếng Việt, Toán): a level and a test column
		expect(view.columns.map((c) => c.header)).toEqual([
			'Môn học',
			'Giữa học kì I: mức',
			'Giữa học kì I: điểm KTĐK'
		]);
		const toan = view.rows.find((r) => r[0] === 'Toán')!;
		expect(['T', 'H', 'C']).toContain(toan[1]);
		expect(Number(toan[2])).toBeGreaterThanOrEqual(1);
		// a subject without a mid-term test shows the no-test mark, never 0
		expect(view.rows.find((r) => r[0] === 'Khoa học')![2]).toBe('·');
		expect(view.sections![0].rows).toHaveLength(QUALITY_ITEMS.length);
		expect(view.summary.map(([label]) => label)).not.toContain('Kết quả giáo dục cuối năm');
		const text = JSON.stringify(view).toLowerCase();
		expect(text).not.toMatch(/trung bình của lớp|xếp hạng:/);
		const bytes = await reportCardPdf(view);
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdfTitle(bytes)).toBe(`Kết quả đánh giá của ${card.fullName} · Giữa học kì I`);
	});

	it('is "not published" for a checkpoint the school has not published (end of term I)', async () => {
		expect(await loadPupilCard(db, parent, child, 'end1', FAMILY)).toMatchObject({
			published: false
		});
	});

	it('answers 404 for another pupil, another family, a teacher of another school, a wrong school', async () => {
		const other = (await pupilsOf(c4.id))[1];
		await expect(loadPupilCard(db, parent, other, 'mid1', FAMILY)).rejects.toMatchObject({
			status: 404
		});
		await expect(loadPupilCard(db, otherParent, child, 'mid1', FAMILY)).rejects.toMatchObject({
			status: 404
		});
		await expect(loadPupilCard(db, otherTeacher, child, 'mid1', staff())).rejects.toMatchObject({
			status: 404
		});
		await expect(
			loadPupilCard(db, teacher, child, 'mid1', { ...staff(), schoolId: c4.schoolId + 100000 })
		).rejects.toMatchObject({ status: 404 });
		// the family's access does not open the school's URL family, nor staff access a parent's
		await expect(loadPupilCard(db, parent, child, 'mid1', staff())).rejects.toMatchObject({
			status: 404
		});
	});

	it('lets the homeroom teacher and the admin read every pupil of the class', async () => {
		for (const pupil of await pupilsOf(c4.id)) {
			const card = primaryOf(await loadPupilCard(db, teacher, pupil, 'mid1', staff()));
			expect(card.primary.checkpoints).toHaveLength(1);
		}
		expect(primaryOf(await loadPupilCard(db, admin, child, 'mid1', staff())).fullName).toBeTruthy();
	});

	it('shows the year result, grade completion and the year comments once the year is published', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils1[0];
			const subjects = await primarySubjects(trx, 1, 'year');
			await saveAssessments(
				trx,
				actor(teacher),
				c1.id,
				'year',
				subjects.map((s, i) => ({
					studentId: pupil,
					subjectId: s.id,
					level: 'T' as const,
					testScore: s.tested ? 9 : undefined,
					comment: i === 0 ? 'Đọc to, rõ ràng.' : undefined,
					version: 0
				}))
			);
			await saveQualities(
				trx,
				actor(teacher),
				c1.id,
				'year',
				QUALITY_ITEMS.map((item) => ({ studentId: pupil, item, level: 'tot' as const, version: 0 }))
			);
			expect(await loadPupilCard(trx, teacher, pupil, 'year', staff())).toMatchObject({
				published: false
			});
			await trx
				.insertInto('grade_publications')
				.values((['end1', 'year'] as const).map((checkpoint) => ({ class_id: c1.id, checkpoint })))
				.onConflict((oc) => oc.doNothing())
				.execute();
			const card = primaryOf(await loadPupilCard(trx, teacher, pupil, 'year', staff()));
			expect(card.primary.yearResult).toBe('xuat_sac');
			const view = primaryCardView(card);
			expect(view.summary).toContainEqual(['Kết quả giáo dục cuối năm', 'Hoàn thành xuất sắc']);
			expect(view.summary).toContainEqual(['Lên lớp', 'Hoàn thành chương trình lớp 1']);
			expect(view.comments).toEqual([[subjects[0].nameVi, 'Đọc to, rõ ràng.']]);
			expect(view.commentsHeading).toBe('Nhận xét (Cuối học kì II và cả năm)');
			// the covered checkpoints are the published ones up to the year
			expect(card.primary.checkpoints.map((c) => c.checkpoint)).toContain('year');
			expect(view.sections![0].rows[0].at(-1)).toBe('Tốt');
		});
	});
});
