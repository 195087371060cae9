import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { FAMILY } from '../../src/lib/server/grades/parent';
import { publishCheckpoint } from '../../src/lib/server/grades/publication';
import {
	checkpointsUpTo,
	loadReportCard,
	reportCardIndex
} from '../../src/lib/server/grades/report-card';
import { reportCardPdf, reportCardView } from '../../src/lib/server/grades/report-card-view';
import { listParentChildren } from '../../src/lib/server/org/people';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { pdfTitle } from '../helpers/pdf';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The report card: only a published checkpoint, only the family (own children), the homeroom
 * teacher and the school admin (the class's pupils); no rank and no class average. Publications
 * happen in rolled-back transactions.
 */
let db: DB;
let close: () => Promise<void>;
let schoolId: number;
let admin: Principal;
let parent: Principal;
let homeroom: Principal;
let area: Principal;
let child: { id: number; class_id: number | null; full_name: string };
const staff = () => ({ permission: 'class.homeroom' as const, schoolId });
const actor = { principal: null as unknown as Principal, requestId: 'report-card-test' };

beforeAll(async () => {
	({ db, close } = connectTestDb());
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
	area = await principalOf(db, 'vanyen@demo.example');
	actor.principal = admin;
	const children = await listParentChildren(db, parent);
	child = children.find((c) => c.class_name === '8A')!;
});
afterAll(() => close());

describe('report card', () => {
	it('covers a checkpoint and the ones before it', () => {
		expect(checkpointsUpTo('mid1')).toEqual(['mid1']);
		expect(checkpointsUpTo('mid2')).toEqual(['mid1', 'end1', 'mid2']);
	});

	it('is "not published" until the school publishes the checkpoint to the class', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const before = await loadReportCard(trx, parent, child.id, 'end1', FAMILY);
			expect(before).toMatchObject({ published: false, fullName: child.full_name });
			await publishCheckpoint(trx, actor, schoolId, 'mid1', [child.class_id!]);
			expect(await loadReportCard(trx, parent, child.id, 'end1', FAMILY)).toMatchObject({
				published: false
			});
			const mid = await loadReportCard(trx, parent, child.id, 'mid1', FAMILY);
			expect(mid.published).toBe(true);
		});
	});

	it('shows the end-of-term I results, level, conduct and absences; the same for parent, homeroom teacher and admin', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await publishCheckpoint(trx, actor, schoolId, 'end1', [child.class_id!]);
			const cards = await Promise.all([
				loadReportCard(trx, parent, child.id, 'end1', FAMILY),
				loadReportCard(trx, homeroom, child.id, 'end1', staff()),
				loadReportCard(trx, admin, child.id, 'end1', staff())
			]);
			for (const c of cards) expect(c.published).toBe(true);
			const [one, two, three] = cards.map((c) => (c.published ? c.card : null)!);
			expect(two).toEqual(one);
			expect(three).toEqual(one);
			expect(one.absences).toMatchObject({ period: 1 });
			const view = reportCardView(one);
			expect(view.fields).toContainEqual(['Học sinh', child.full_name]);
			expect(view.columns.map((c) => c.header)).toEqual(['Môn học', 'Giữa học kì I', 'Học kì I']);
			expect(view.rows.length).toBeGreaterThan(0);
			const text = JSON.stringify({ ...view, note: '' });
			expect(text).not.toMatch(/xếp hạng:|trung bình của lớp|class average|rank:/i);
			const bytes = await reportCardPdf(view);
			expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
			expect(pdfTitle(bytes)).toContain(child.full_name);
		});
	});

	it('is a 404 for anyone else: another family, an official, a teacher of another class, the wrong school', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await publishCheckpoint(trx, actor, schoolId, 'end1', [child.class_id!]);
			const stranger = await trx
				.selectFrom('students')
				.select('id')
				.where('class_id', '=', child.class_id!)
				.where('id', '<>', child.id)
				.executeTakeFirstOrThrow();
			await expect(loadReportCard(trx, parent, stranger.id, 'end1', FAMILY)).rejects.toMatchObject({
				status: 404
			});
			await expect(loadReportCard(trx, area, child.id, 'end1', staff())).rejects.toMatchObject({
				status: 404
			});
			await expect(loadReportCard(trx, admin, child.id, 'end1', FAMILY)).rejects.toMatchObject({
				status: 404
			});
			await expect(
				loadReportCard(trx, admin, child.id, 'end1', { ...staff(), schoolId: schoolId + 1 })
			).rejects.toMatchObject({ status: 404 });
			// the parent's other child is in 6C, whose homeroom teacher is not the demo teacher
			const other = (await listParentChildren(trx, parent)).find((c) => c.class_name === '6C');
			if (other)
				await expect(
					loadReportCard(trx, homeroom, other.id, 'end1', staff())
				).rejects.toMatchObject({ status: 404 });
		});
	});

	it('lists the homeroom teacher’s class and its pupils, the admin every class', async () => {
		const mine = await reportCardIndex(db, homeroom, schoolId, child.class_id);
		expect(mine.classes.map((c) => c.name)).toEqual(['8A']);
		expect(mine.selected?.pupils.some((p) => p.id === child.id)).toBe(true);
		const all = await reportCardIndex(db, admin, schoolId, null);
		expect(all.classes.length).toBeGreaterThan(1);
		expect((await reportCardIndex(db, area, schoolId, null)).classes).toEqual([]);
	});
});
