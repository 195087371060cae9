import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * The unmet mandatory conditions of schools (Decision 4725: without them a group stays at level 1),
 * read from the same checklists and with the same rule as the summary's `mandatory_due_on`
 * (summary.ts: the latest model and 4725 checklist of each school, whatever its status, and an
 * item is met when done and not sent back). One query for a page of schools. The at-risk flag,
 * the school's next steps and the checklist approval all name these items (issue 9, point 2), so a
 * flag never stands beside "nothing left to do".
 */
export interface UnmetCondition {
	school_id: number;
	item_id: number;
	checklist_id: number;
	checklist_status: string;
	code: string;
	title_vi: string;
	title_en: string;
	due_on: string | null;
	status: string;
}

export async function unmetMandatory(
	db: DB,
	schoolIds: number[]
): Promise<Map<number, UnmetCondition[]>> {
	const out = new Map<number, UnmetCondition[]>();
	if (!schoolIds.length) return out;
	const { rows } = await sql<UnmetCondition>`
		with latest as (
			select distinct on (c.school_id, t.kind) c.school_id, c.id, c.status
			from school_checklists c
			join checklist_templates t on t.id = c.template_id
			where c.school_id = any(${schoolIds}::int[])
			order by c.school_id, t.kind, c.created_at desc, c.id desc)
		select l.school_id, i.id as item_id, l.id as checklist_id, l.status as checklist_status,
			cr.code, cr.title_vi, cr.title_en, to_char(i.due_on, 'YYYY-MM-DD') as due_on, i.status
		from latest l
		join school_checklist_items i on i.checklist_id = l.id
		join checklist_criteria cr on cr.id = i.criterion_id and cr.is_mandatory
		where not (i.status = 'done' and i.review_decision is distinct from 'returned')
		order by l.school_id, i.due_on nulls last, cr.sort_order, i.id`.execute(db);
	for (const r of rows) {
		if (!out.has(r.school_id)) out.set(r.school_id, []);
		out.get(r.school_id)!.push(r);
	}
	return out;
}

/** The conditions of one checklist that are not met (the approval check). */
export async function unmetOfChecklist(db: DB, checklistId: number) {
	return db
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.select(['i.id', 'cr.code'])
		.where('i.checklist_id', '=', checklistId)
		.where('cr.is_mandatory', '=', true)
		.where(sql<boolean>`not (i.status = 'done' and i.review_decision is distinct from 'returned')`)
		.orderBy('cr.sort_order')
		.execute();
}
