import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addDays } from '../../dates';
import type { SchoolPlanSeed } from './rollout-plan';
import type { ChecklistOutcome, ItemRow, Outcome } from './rollout-checklists';

/** The set-based writes of the demo checklists (items, evidence links, workflow, history). */
export const RETURN_REASON =
	'Minh chứng chưa đủ: cần bản quyết định có chữ ký, đóng dấu và danh sách tài khoản đã kích hoạt.';
export const at = (day: string) => `${day}T10:00:00+07:00`;

export async function writeItems(
	db: Kysely<Database>,
	rows: (Outcome & { item: ItemRow; staffId: number | null; day: string })[]
) {
	await sql`update school_checklist_items i
		set status = v.status, self_score = v.self, reviewer_score = v.reviewer,
			review_decision = v.decision, review_comment = v.comment, responsible_staff_id = v.staff,
			updated_at = v.at
		from unnest(${rows.map((r) => r.item.id)}::int[], ${rows.map((r) => r.status)}::text[],
			${rows.map((r) => r.self)}::numeric[], ${rows.map((r) => r.reviewer)}::numeric[],
			${rows.map((r) => r.decision)}::text[], ${rows.map((r) => r.comment)}::text[],
			${rows.map((r) => r.staffId)}::int[], ${rows.map((r) => at(r.day))}::timestamptz[])
			as v(id, status, self, reviewer, decision, comment, staff, at)
		where i.id = v.id`.execute(db);
}

export async function writeEvidence(
	db: Kysely<Database>,
	rows: (Outcome & { item: ItemRow; day: string })[],
	planBy: Map<number, SchoolPlanSeed>
) {
	const proof = rows.filter((r) => r.status === 'done' && r.item.evidence_required);
	await sql`insert into checklist_evidence (item_id, school_id, kind, url, label, created_at)
		select v.item_id, v.school_id, 'link', v.url, v.label, v.at
		from unnest(${proof.map((r) => r.item.id)}::int[], ${proof.map((r) => r.item.school_id)}::int[],
			${proof.map((r) => `https://drive.example.vn/truong-so/${planBy.get(r.item.school_id)!.code}/${r.item.kind}/${r.item.code}`)}::text[],
			${proof.map((r) => `Minh chứng ${r.item.code}`)}::text[], ${proof.map((r) => at(r.day))}::timestamptz[])
			as v(item_id, school_id, url, label, at)`.execute(db);
}

export async function writeChecklists(
	db: Kysely<Database>,
	lists: Map<number, { plan: SchoolPlanSeed; kind: 'model' | 'dti'; outcome: ChecklistOutcome }>,
	reviewerOf: (plan: SchoolPlanSeed) => number
) {
	const open = [...lists].filter(([, l]) => l.outcome.status !== 'draft');
	const ids = open.map(([id]) => id);
	const reviewed = open.map(([, l]) =>
		l.outcome.status === 'submitted' ? null : reviewerOf(l.plan)
	);
	const reviewedAt = open.map(
		([, l]) =>
			l.outcome.approvedAt ??
			(l.outcome.status === 'returned' ? at(addDays(l.outcome.submittedAt!.slice(0, 10), 6)) : null)
	);
	await sql`update school_checklists c
		set status = v.status, submitted_at = v.submitted_at, approved_at = v.approved_at,
			reviewed_by = v.reviewed_by, reviewed_at = v.reviewed_at, updated_at = coalesce(v.reviewed_at, v.submitted_at)
		from unnest(${ids}::int[], ${open.map(([, l]) => l.outcome.status)}::text[],
			${open.map(([, l]) => l.outcome.submittedAt)}::timestamptz[], ${open.map(([, l]) => l.outcome.approvedAt)}::timestamptz[],
			${reviewed}::int[], ${reviewedAt}::timestamptz[])
			as v(id, status, submitted_at, approved_at, reviewed_by, reviewed_at)
		where c.id = v.id`.execute(db);
	await sql`insert into checklist_history (checklist_id, school_id, at, action, from_status, to_status)
		select c.id, c.school_id, c.submitted_at, 'submit', 'draft', 'submitted'
		from school_checklists c where c.id = any(${ids}::int[])`.execute(db);
	await sql`insert into checklist_history (checklist_id, school_id, at, actor_user_id, action, from_status, to_status, reason)
		select c.id, c.school_id, c.reviewed_at, c.reviewed_by,
			case c.status when 'approved' then 'approve' else 'return' end, 'submitted', c.status,
			case c.status when 'returned' then ${RETURN_REASON} end
		from school_checklists c where c.id = any(${ids}::int[]) and c.status in ('approved', 'returned')`.execute(
		db
	);
}
