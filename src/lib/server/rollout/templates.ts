import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { notFound, requireDepartment } from '../auth/access';
import { ConflictError, DomainError, fieldError, writeTransaction } from '../errors';
import type { CriterionInput } from '../../schemas/rollout';
import { writeAudit } from '../audit';

/**
 * Checklist templates are versioned: a published revision never changes (school checklists point
 * at its criteria); the department edits a new draft revision and publishes it.
 */
export async function listTemplates(db: DB, principal: Principal) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	return db
		.selectFrom('checklist_templates as t')
		.select((eb) => [
			't.id',
			't.code',
			't.revision',
			't.kind',
			't.name_vi',
			't.name_en',
			't.is_verified',
			't.status',
			't.published_at',
			eb
				.selectFrom('checklist_criteria')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('template_id', '=', 't.id')
				.as('criteria'),
			eb
				.selectFrom('school_checklists')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('template_id', '=', 't.id')
				.as('schools')
		])
		.where('t.department_id', '=', departmentId)
		.orderBy('t.code')
		.orderBy('t.revision', 'desc')
		.execute();
}

export async function getTemplate(db: DB, principal: Principal, templateId: number) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	if (!Number.isSafeInteger(templateId)) notFound();
	const template = await db
		.selectFrom('checklist_templates')
		.leftJoin('users as verifier', 'verifier.id', 'checklist_templates.verified_by')
		.selectAll('checklist_templates')
		.select('verifier.name as verified_by_name')
		.where('checklist_templates.id', '=', templateId)
		.where('checklist_templates.department_id', '=', departmentId)
		.executeTakeFirst();
	if (!template) notFound();
	const [criteria, applied] = await Promise.all([
		db
			.selectFrom('checklist_criteria as c')
			.leftJoin('platforms as p', 'p.id', 'c.platform_id')
			.selectAll('c')
			.select(['p.code as platform_code', 'p.name_vi as platform_vi', 'p.name_en as platform_en'])
			.where('c.template_id', '=', templateId)
			.orderBy('c.group_code', 'desc')
			.orderBy('c.sort_order')
			.orderBy('c.id')
			.execute(),
		db
			.selectFrom('school_checklists')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('template_id', '=', templateId)
			.executeTakeFirstOrThrow()
	]);
	return { template, criteria, appliedSchools: Number(applied.n) };
}

/** Bumps the template's version under the caller's expected version, or raises a conflict. */
async function touchDraft(
	db: Kysely<Database>,
	templateId: number,
	version: number,
	userId: number
) {
	const row = await db
		.updateTable('checklist_templates')
		.set((eb) => ({ updated_at: new Date(), updated_by: userId, version: eb('version', '+', 1) }))
		.where('id', '=', templateId)
		.where('version', '=', version)
		.returning('status')
		.executeTakeFirst();
	if (!row) throw new ConflictError('checklist_template', templateId);
	if (row.status !== 'draft') throw new DomainError('rollout_template_not_draft');
}

const criterionColumns = (input: CriterionInput) => ({
	group_code: input.groupCode,
	code: input.code,
	title_vi: input.titleVi,
	title_en: input.titleEn,
	guidance_vi: input.guidanceVi,
	guidance_en: input.guidanceEn,
	max_points: input.maxPoints,
	is_mandatory: input.isMandatory,
	evidence_required: input.evidenceRequired,
	due_offset_days: input.dueOffsetDays,
	due_on: input.dueOn,
	platform_id: input.platformId,
	sort_order: input.sortOrder
});

/** Adds (criterionId null) or edits a criterion of a draft template. */
export async function saveCriterion(
	db: DB,
	principal: Principal,
	templateId: number,
	criterionId: number | null,
	input: CriterionInput
) {
	await getTemplate(db, principal, templateId);
	await writeTransaction(db, async (trx) => {
		await touchDraft(trx, templateId, input.version, principal.userId);
		const clash = await trx
			.selectFrom('checklist_criteria')
			.select('id')
			.where('template_id', '=', templateId)
			.where('code', '=', input.code)
			.$if(criterionId !== null, (q) => q.where('id', '<>', criterionId!))
			.executeTakeFirst();
		if (clash) throw fieldError('code', 'v_duplicate');
		if (criterionId === null) {
			await trx
				.insertInto('checklist_criteria')
				.values({ template_id: templateId, ...criterionColumns(input) })
				.execute();
		} else {
			const r = await trx
				.updateTable('checklist_criteria')
				.set(criterionColumns(input))
				.where('id', '=', criterionId)
				.where('template_id', '=', templateId)
				.executeTakeFirst();
			if (!r.numUpdatedRows) notFound();
		}
	});
}

export async function deleteCriterion(
	db: DB,
	principal: Principal,
	templateId: number,
	criterionId: number,
	version: number
) {
	await getTemplate(db, principal, templateId);
	await writeTransaction(db, async (trx) => {
		await touchDraft(trx, templateId, version, principal.userId);
		await trx
			.deleteFrom('checklist_criteria')
			.where('id', '=', criterionId)
			.where('template_id', '=', templateId)
			.execute();
	});
}

/** Publishes a draft revision (then it never changes) or retires a published one. */
export async function setTemplateStatus(
	db: DB,
	principal: Principal,
	templateId: number,
	status: 'published' | 'retired',
	version: number
) {
	const { template, criteria } = await getTemplate(db, principal, templateId);
	const allowed =
		status === 'published' ? template.status === 'draft' : template.status === 'published';
	if (!allowed) throw new DomainError('rollout_template_wrong_status');
	if (status === 'published' && !criteria.length) throw new DomainError('rollout_template_empty');
	const row = await db
		.updateTable('checklist_templates')
		.set((eb) => ({
			status,
			published_at: status === 'published' ? new Date() : template.published_at,
			updated_at: new Date(),
			updated_by: principal.userId,
			version: eb('version', '+', 1)
		}))
		.where('id', '=', templateId)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
	if (!row) throw new ConflictError('checklist_template', templateId);
}

/**
 * The department marks a template verified once it has checked it against the official text
 * (issue 9, point 3): who and when stay on the template and in the audit log, and its levels stop
 * carrying the "unverified" warning. Only an unverified template can be marked.
 */
export async function markTemplateVerified(
	db: DB,
	principal: Principal,
	templateId: number,
	version: number,
	requestId: string | null = null
) {
	const { template } = await getTemplate(db, principal, templateId);
	if (template.is_verified) throw new DomainError('rollout_template_already_verified');
	await writeTransaction(db, async (trx) => {
		const now = new Date();
		const row = await trx
			.updateTable('checklist_templates')
			.set((eb) => ({
				is_verified: true,
				verified_at: now,
				verified_by: principal.userId,
				updated_at: now,
				updated_by: principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', templateId)
			.where('version', '=', version)
			.where('is_verified', '=', false)
			.returning('id')
			.executeTakeFirst();
		if (!row) throw new ConflictError('checklist_template', templateId);
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'rollout.template_verify',
			entity: 'checklist_template',
			entityId: templateId,
			before: { is_verified: false },
			after: { is_verified: true, verified_at: now.toISOString() },
			requestId
		});
	});
}
