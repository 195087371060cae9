import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import { ConflictError, DomainError } from '../errors';
import type { ItemInput, ItemReviewInput } from '../../schemas/rollout';
import { canReview, canSchoolEdit } from '../../rollout/workflow';
import { assertStaffOfSchool } from './school-platforms';
import { refreshSchoolSummaries } from './summary';

/** Locks an item with its checklist's status and criterion; checks the edit's version. */
export async function lockItem(
	trx: Kysely<Database>,
	schoolId: number,
	checklistId: number,
	itemId: number,
	version: number
) {
	if (!Number.isSafeInteger(itemId)) notFound();
	const item = await trx
		.selectFrom('school_checklist_items as i')
		.innerJoin('school_checklists as c', 'c.id', 'i.checklist_id')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.selectAll('i')
		.select(['c.status as checklist_status', 'cr.max_points', 'cr.is_mandatory', 'cr.code'])
		.where('i.id', '=', itemId)
		.where('i.checklist_id', '=', checklistId)
		.where('i.school_id', '=', schoolId)
		.forUpdate('i')
		.executeTakeFirst();
	if (!item) notFound();
	if (item.version !== version) throw new ConflictError('checklist_item', itemId);
	return item;
}

type Changes = Record<string, [unknown, unknown]>;
function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
	const out: Changes = {};
	for (const [k, v] of Object.entries(after)) {
		const old = before[k] === null || before[k] === undefined ? null : before[k];
		const now = v === undefined ? null : v;
		if ((old === null ? null : String(old)) !== (now === null ? null : String(now)))
			out[k] = [old, now];
	}
	return out;
}

async function saveItem(
	trx: Kysely<Database>,
	o: {
		item: Awaited<ReturnType<typeof lockItem>>;
		set: Record<string, unknown>;
		action: 'item_saved' | 'item_reviewed';
		actorUserId: number;
		reason?: string | null;
	}
) {
	const changes = diff(o.item as unknown as Record<string, unknown>, o.set);
	if (!Object.keys(changes).length) return { version: o.item.version, changed: false };
	const updated = await trx
		.updateTable('school_checklist_items')
		.set((eb) => ({
			...o.set,
			updated_at: new Date(),
			updated_by: o.actorUserId,
			version: eb('version', '+', 1)
		}))
		.where('id', '=', o.item.id)
		.returning('version')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('checklist_history')
		.values({
			checklist_id: o.item.checklist_id,
			item_id: o.item.id,
			school_id: o.item.school_id,
			actor_user_id: o.actorUserId,
			action: o.action,
			from_status: changes.status ? String(changes.status[0]) : null,
			to_status: changes.status ? String(changes.status[1]) : null,
			reason: o.reason ?? null,
			changes: JSON.stringify(changes)
		})
		.execute();
	await refreshSchoolSummaries(trx, { schoolIds: [o.item.school_id] });
	return { version: updated.version, changed: true };
}

/**
 * The school fills an item: status, self score, responsible person, due date, note. Only while
 * the checklist is a draft or returned (an approval locks it), under the item's version.
 */
export async function updateItem(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number,
	itemId: number,
	input: ItemInput
) {
	await requireSchool(db, principal, schoolId, 'rollout.edit');
	return db.transaction().execute(async (trx) => {
		const item = await lockItem(trx, schoolId, checklistId, itemId, input.version);
		if (!canSchoolEdit(item.checklist_status)) throw new DomainError('rollout_checklist_locked');
		if (item.is_mandatory && input.status === 'not_applicable')
			throw new DomainError('rollout_mandatory_not_applicable');
		if (input.selfScore !== null && input.selfScore > Number(item.max_points))
			throw new DomainError('rollout_score_above_max', { max: Number(item.max_points) });
		await assertStaffOfSchool(trx, schoolId, input.responsibleStaffId);
		return saveItem(trx, {
			item,
			set: {
				status: input.status,
				self_score: input.selfScore,
				responsible_staff_id: input.responsibleStaffId,
				due_on: input.dueOn,
				note: input.note
			},
			action: 'item_saved',
			actorUserId: principal.userId
		});
	});
}

/** The reviewer scores an item and accepts it or sends it back with a reason. */
export async function reviewItem(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number,
	itemId: number,
	input: ItemReviewInput
) {
	await requireSchool(db, principal, schoolId, 'rollout.review');
	return db.transaction().execute(async (trx) => {
		const item = await lockItem(trx, schoolId, checklistId, itemId, input.version);
		if (!canReview(item.checklist_status)) throw new DomainError('rollout_not_under_review');
		if (input.reviewerScore !== null && input.reviewerScore > Number(item.max_points))
			throw new DomainError('rollout_score_above_max', { max: Number(item.max_points) });
		return saveItem(trx, {
			item,
			set: {
				reviewer_score: input.reviewerScore,
				review_decision: input.decision || null,
				review_comment: input.comment
			},
			action: 'item_reviewed',
			actorUserId: principal.userId,
			reason: input.decision === 'returned' ? input.comment : null
		});
	});
}
