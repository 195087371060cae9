import type { Kysely } from 'kysely';
import type { ChecklistStatus, Database, ItemStatus } from '../db/schema';
import type { Random } from './random';
import { addDays } from '../../dates';
import { SEED_TODAY, type SchoolPlanSeed } from './rollout-plan';
import { at, RETURN_REASON, writeChecklists, writeEvidence, writeItems } from './rollout-writes';
import type { StatusBySchool } from './rollout-platforms';

export interface ItemRow {
	id: number;
	school_id: number;
	checklist_id: number;
	kind: 'model' | 'dti';
	code: string;
	max_points: number;
	is_mandatory: boolean;
	evidence_required: boolean;
	platform_code: string | null;
}
export interface Outcome {
	status: ItemStatus;
	self: number | null;
	reviewer: number | null;
	decision: 'accepted' | 'returned' | null;
	comment: string | null;
}
export interface ChecklistOutcome {
	status: ChecklistStatus;
	submittedAt: string | null;
	approvedAt: string | null;
}

/** The model checklist of a school, item by item, from its platform statuses and state. */
function modelOutcome(
	rng: Random,
	plan: SchoolPlanSeed,
	item: ItemRow,
	statuses: StatusBySchool
): Outcome {
	const none: Outcome = {
		status: 'not_started',
		self: null,
		reviewer: null,
		decision: null,
		comment: null
	};
	const done = (): Outcome => ({
		status: 'done',
		self: Number(item.max_points),
		reviewer: plan.state === 'complete' ? Number(item.max_points) : null,
		decision: plan.state === 'complete' ? 'accepted' : null,
		comment: null
	});
	if (plan.state === 'complete' || plan.state === 'submitted') return done();
	if (plan.state === 'returned')
		return item.code === 'DH.07'
			? { ...done(), decision: 'returned', comment: RETURN_REASON }
			: done();
	if (plan.state === 'demo') return item.code === 'DH.04' || item.code === 'DH.05' ? none : done();
	if (item.platform_code) {
		const s = statuses.get(plan.schoolId)?.get(item.platform_code);
		if (s === 'in_use') return done();
		return s === 'not_started' ? none : { ...none, status: 'in_progress' };
	}
	if (item.is_mandatory) {
		const missing = plan.missingMandatory && (item.code === 'QL.01' || rng.chance(0.3));
		return missing ? { ...none, status: rng.chance(0.5) ? 'in_progress' : 'not_started' } : done();
	}
	return rng.chance(plan.progress + 0.15) ? done() : { ...none, status: 'in_progress' };
}

/** The school's 2025-2026 self-assessment (Decision 4725) and, once reviewed, the reviewer's scores. */
function dtiOutcome(
	rng: Random,
	plan: SchoolPlanSeed,
	item: ItemRow,
	list: ChecklistStatus
): Outcome {
	const max = Number(item.max_points);
	const approved = list === 'approved';
	const review = { decision: approved ? ('accepted' as const) : null, comment: null };
	if (item.is_mandatory) {
		const met =
			!(plan.missingMandatory && item.code === 'DH.00') &&
			rng.chance(Math.min(0.97, plan.maturity + 0.35));
		return {
			status: met ? 'done' : 'not_started',
			self: 0,
			reviewer: approved ? 0 : null,
			...review
		};
	}
	const share = Math.min(1, Math.max(0, plan.maturity + (rng.next() - 0.5) * 0.35));
	const self = Math.round(max * share);
	const reviewer = approved
		? Math.max(0, self - (rng.chance(0.2) ? Math.ceil(max * 0.2) : 0))
		: null;
	const status: ItemStatus = self >= max * 0.5 ? 'done' : self > 0 ? 'in_progress' : 'not_started';
	if (list === 'returned' && item.code === 'DH.06')
		return { status, self, reviewer: null, decision: 'returned', comment: RETURN_REASON };
	return { status, self, reviewer, ...review };
}

function checklistOutcomes(
	rng: Random,
	plan: SchoolPlanSeed
): Record<'model' | 'dti', ChecklistOutcome> {
	const model: ChecklistOutcome =
		plan.state === 'complete'
			? {
					status: 'approved',
					submittedAt: at(addDays(plan.completedOn!, -5)),
					approvedAt: at(plan.completedOn!)
				}
			: plan.state === 'submitted'
				? {
						status: 'submitted',
						submittedAt: at(addDays(SEED_TODAY, -rng.int(1, 12))),
						approvedAt: null
					}
				: plan.state === 'returned'
					? { status: 'returned', submittedAt: at(addDays(SEED_TODAY, -20)), approvedAt: null }
					: { status: 'draft', submittedAt: null, approvedAt: null };
	const r = rng.next();
	const early = plan.wave.ordinal <= 3;
	const dtiStatus: ChecklistStatus =
		r < (early ? 0.88 : 0.6) ? 'approved' : r < (early ? 0.95 : 0.7) ? 'returned' : 'draft';
	const dti: ChecklistOutcome = {
		status: dtiStatus,
		submittedAt: dtiStatus === 'draft' ? null : at(addDays('2026-05-31', -rng.int(1, 25))),
		approvedAt: dtiStatus === 'approved' ? at(addDays('2026-06-20', -rng.int(0, 15))) : null
	};
	return { model, dti };
}

export async function loadSeedItems(db: Kysely<Database>): Promise<ItemRow[]> {
	return db
		.selectFrom('school_checklist_items as i')
		.innerJoin('school_checklists as c', 'c.id', 'i.checklist_id')
		.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.leftJoin('platforms as p', 'p.id', 'cr.platform_id')
		.select([
			'i.id',
			'i.school_id',
			'i.checklist_id',
			't.kind',
			'cr.code',
			'cr.max_points',
			'cr.is_mandatory',
			'cr.evidence_required',
			'p.code as platform_code'
		])
		.orderBy('i.id')
		.execute();
}

/** Fills every school's checklists (items, evidence links, workflow, history). Set-based. */
export async function seedChecklistProgress(
	db: Kysely<Database>,
	rng: Random,
	plans: SchoolPlanSeed[],
	statuses: StatusBySchool,
	reviewerOf: (plan: SchoolPlanSeed) => number
) {
	const items = await loadSeedItems(db);
	const staff = await db
		.selectFrom('staff')
		.select(['id', 'school_id', 'position'])
		.orderBy('id')
		.execute();
	const staffBy = new Map<number, typeof staff>();
	for (const s of staff) staffBy.set(s.school_id, [...(staffBy.get(s.school_id) ?? []), s]);
	const planBy = new Map(plans.map((p) => [p.schoolId, p]));
	const lists = new Map<
		number,
		{ plan: SchoolPlanSeed; kind: 'model' | 'dti'; outcome: ChecklistOutcome }
	>();
	const outcomes = new Map(plans.map((p) => [p.schoolId, checklistOutcomes(rng, p)]));
	const rows: (Outcome & { item: ItemRow; staffId: number | null; day: string })[] = [];
	for (const item of items) {
		const plan = planBy.get(item.school_id)!;
		const outcome = outcomes.get(plan.schoolId)![item.kind];
		lists.set(item.checklist_id, { plan, kind: item.kind, outcome });
		const o =
			item.kind === 'model'
				? modelOutcome(rng, plan, item, statuses)
				: dtiOutcome(rng, plan, item, outcome.status);
		const people = staffBy.get(plan.schoolId) ?? [];
		const lead = people.filter((s) => s.position !== 'teacher');
		const pool = item.code.startsWith('QL') && lead.length ? lead : people;
		const day = (outcome.submittedAt ?? at(SEED_TODAY)).slice(0, 10);
		rows.push({
			...o,
			item,
			staffId: pool.length ? rng.pick(pool).id : null,
			day: addDays(day, -rng.int(1, 60))
		});
	}
	await writeItems(db, rows);
	await writeEvidence(db, rows, planBy);
	await writeChecklists(db, lists, reviewerOf);
}
