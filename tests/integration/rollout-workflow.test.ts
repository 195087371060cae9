import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { runChecklistAction } from '../../src/lib/server/rollout/checklist-actions';
import { reviewItem, updateItem } from '../../src/lib/server/rollout/checklist-items';
import { addEvidenceLink } from '../../src/lib/server/rollout/evidence';
import { getChecklist } from '../../src/lib/server/rollout/checklists';
import { connectTestDb, principalOf } from '../helpers/context';
import { createAreaOfficial, createTestSchool, giveChecklist } from '../helpers/rollout';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

async function version(checklistId: number) {
	const row = await db
		.selectFrom('school_checklists')
		.select(['version', 'status'])
		.where('id', '=', checklistId)
		.executeTakeFirstOrThrow();
	return row;
}
async function itemVersion(id: number) {
	const row = await db
		.selectFrom('school_checklist_items')
		.select('version')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return row.version;
}

describe('checklist review workflow', () => {
	let school: Awaited<ReturnType<typeof createTestSchool>>;
	let list: Awaited<ReturnType<typeof giveChecklist>>;
	let reviewer: Principal;
	const act = async (
		who: Principal,
		action: 'submit' | 'withdraw' | 'approve' | 'return' | 'recall',
		reason: string | null = null
	) =>
		runChecklistAction(db, who, school.schoolId, list.checklistId, {
			action,
			reason,
			version: (await version(list.checklistId)).version
		});
	const fill = async (code: string, over: Partial<Parameters<typeof updateItem>[5]> = {}) => {
		const item = list.item(code);
		return updateItem(db, school.admin, school.schoolId, list.checklistId, item.id, {
			status: 'done',
			selfScore: code === 'QL.02' ? 50 : code === 'DH.01' ? 30 : 0,
			responsibleStaffId: school.staffId,
			dueOn: null,
			note: null,
			version: await itemVersion(item.id),
			...over
		});
	};

	beforeAll(async () => {
		school = await createTestSchool(db);
		list = await giveChecklist(db, school);
		reviewer = await createAreaOfficial(db, school.area);
	});

	it('refuses a submission while items are not done or lack required evidence', async () => {
		await expect(act(school.admin, 'submit')).rejects.toMatchObject({
			code: 'rollout_submit_problems'
		});
		await fill('QL.01');
		await fill('QL.02');
		await fill('DH.01');
		await expect(act(school.admin, 'submit')).rejects.toMatchObject({
			code: 'rollout_submit_problems',
			params: { codes: 'QL.01, QL.02' }
		});
	});

	it('submits once every item is done with its evidence, and locks the items', async () => {
		for (const code of ['QL.01', 'QL.02'])
			await addEvidenceLink(
				db,
				school.admin,
				{ schoolId: school.schoolId, checklistId: list.checklistId, itemId: list.item(code).id },
				{ url: `https://drive.example.vn/${code}`, label: null }
			);
		await expect(act(school.admin, 'submit')).resolves.toMatchObject({ status: 'submitted' });
		await expect(fill('DH.01', { note: 'sửa muộn' })).rejects.toMatchObject({
			code: 'rollout_checklist_locked'
		});
		const summary = await db
			.selectFrom('school_rollout_summary')
			.select(['awaiting_review', 'checklist_status'])
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(summary).toEqual({ awaiting_review: true, checklist_status: 'submitted' });
	});

	it('lets only a reviewer of the area review, not the school itself', async () => {
		const item = list.item('QL.02');
		const input = {
			reviewerScore: 40,
			decision: 'returned' as const,
			comment: 'Thiếu ảnh chụp màn hình',
			version: await itemVersion(item.id)
		};
		await expect(
			reviewItem(db, school.admin, school.schoolId, list.checklistId, item.id, input)
		).rejects.toMatchObject({ status: 404 });
		const other = await principalOf(db, 'vanyen@demo.example');
		await expect(
			reviewItem(db, other, school.schoolId, list.checklistId, item.id, input)
		).rejects.toMatchObject({ status: 404 });
		await expect(act(school.admin, 'approve')).rejects.toMatchObject({ status: 404 });
		await reviewItem(db, reviewer, school.schoolId, list.checklistId, item.id, input);
	});

	it('returns the checklist with a reason per item, and never approves it while an item is sent back', async () => {
		await expect(act(reviewer, 'approve')).rejects.toMatchObject({
			code: 'rollout_review_item_returned'
		});
		await expect(act(reviewer, 'return')).resolves.toMatchObject({ status: 'returned' });
		// The return is a domain event: the messages module tells the school's admins.
		const event = await db
			.selectFrom('domain_events')
			.select(['module', 'kind', 'subject_id'])
			.where('school_id', '=', school.schoolId)
			.where('kind', '=', 'checklist_returned')
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({ module: 'rollout', subject_id: String(list.checklistId) });
		const { items, scores } = await getChecklist(
			db,
			school.admin,
			school.schoolId,
			list.checklistId
		);
		const returned = items.find((i) => i.code === 'QL.02')!;
		expect(returned).toMatchObject({
			review_decision: 'returned',
			review_comment: 'Thiếu ảnh chụp màn hình',
			self_score: 50,
			reviewer_score: 40
		});
		// Both scores are kept: the school's 50 and the reviewer's 40 (of 60).
		expect(scores.self.management?.points).toBe(50);
		expect(scores.reviewer?.management?.points).toBe(40);
	});

	it('lets the school fix the returned item and resubmit; the new review starts afresh', async () => {
		await fill('QL.02', { note: 'Đã bổ sung ảnh chụp màn hình' });
		await act(school.admin, 'submit');
		const { items } = await getChecklist(db, reviewer, school.schoolId, list.checklistId);
		expect(items.every((i) => i.review_decision === null)).toBe(true);
		expect(items.find((i) => i.code === 'QL.02')?.review_comment).toBe('Thiếu ảnh chụp màn hình');
	});

	it('approves, locks the checklist, and lets a reviewer recall the approval with a reason', async () => {
		await expect(act(reviewer, 'approve')).resolves.toMatchObject({ status: 'approved' });
		await expect(fill('DH.01', { note: 'x' })).rejects.toMatchObject({
			code: 'rollout_checklist_locked'
		});
		await expect(act(school.admin, 'withdraw')).rejects.toMatchObject({
			code: 'rollout_action_not_allowed'
		});
		await expect(act(reviewer, 'recall')).rejects.toMatchObject({
			code: 'rollout_reason_required'
		});
		await expect(act(reviewer, 'recall', 'Cần kiểm tra lại minh chứng')).resolves.toMatchObject({
			status: 'submitted'
		});
		await expect(act(school.admin, 'withdraw')).resolves.toMatchObject({ status: 'draft' });
	});

	it('keeps every step in the history, with who and why', async () => {
		const { history } = await getChecklist(db, school.admin, school.schoolId, list.checklistId);
		const steps = history
			.filter((h) => h.item_id === null)
			.map((h) => h.action)
			.reverse();
		expect(steps).toEqual([
			'applied',
			'submit',
			'return',
			'submit',
			'approve',
			'recall',
			'withdraw'
		]);
		expect(history.find((h) => h.action === 'recall')?.reason).toBe('Cần kiểm tra lại minh chứng');
		expect(
			history.some((h) => h.action === 'item_reviewed' && h.reason === 'Thiếu ảnh chụp màn hình')
		).toBe(true);
	});

	it('refuses a stale version of the checklist', async () => {
		const stale = (await version(list.checklistId)).version - 1;
		await expect(
			runChecklistAction(db, school.admin, school.schoolId, list.checklistId, {
				action: 'submit',
				reason: null,
				version: stale
			})
		).rejects.toMatchObject({ entity: 'checklist' });
	});
});
