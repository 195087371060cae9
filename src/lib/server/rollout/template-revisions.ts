import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { requireDepartment } from '../auth/access';
import { ConflictError, fieldError, writeTransaction } from '../errors';
import type { TemplateSeed } from './template-data';
import { getTemplate } from './templates';
import { TEMPLATE_KINDS } from '../../rollout/statuses';

/** Inserts a template revision with its criteria (seeds and new templates). */
export async function insertTemplate(
	db: Kysely<Database>,
	departmentId: number,
	seed: TemplateSeed,
	options: { status?: 'draft' | 'published'; publishedAt?: Date; actorUserId?: number | null } = {}
): Promise<number> {
	const status = options.status ?? 'published';
	const template = await db
		.insertInto('checklist_templates')
		.values({
			department_id: departmentId,
			code: seed.code,
			kind: seed.kind,
			name_vi: seed.name[0],
			name_en: seed.name[1],
			description_vi: seed.description[0],
			description_en: seed.description[1],
			is_verified: seed.isVerified,
			status,
			published_at: status === 'published' ? (options.publishedAt ?? new Date()) : null,
			created_by: options.actorUserId ?? null,
			updated_by: options.actorUserId ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const platforms = await db.selectFrom('platforms').select(['id', 'code']).execute();
	const platformId = new Map(platforms.map((p) => [p.code, p.id]));
	if (seed.criteria.length)
		await db
			.insertInto('checklist_criteria')
			.values(
				seed.criteria.map((c, i) => ({
					template_id: template.id,
					group_code: c.group,
					code: c.code,
					title_vi: c.title[0],
					title_en: c.title[1],
					guidance_vi: c.guidance[0],
					guidance_en: c.guidance[1],
					max_points: c.maxPoints,
					is_mandatory: c.mandatory ?? false,
					evidence_required: c.evidence ?? false,
					due_offset_days: c.dueOffsetDays ?? null,
					due_on: c.dueOn ?? null,
					platform_id: c.platform ? (platformId.get(c.platform) ?? null) : null,
					sort_order: i + 1
				}))
			)
			.execute();
	return template.id;
}

export interface NewTemplate {
	code: string;
	kind: (typeof TEMPLATE_KINDS)[number];
	nameVi: string;
	nameEn: string;
	descriptionVi: string;
	descriptionEn: string;
	isVerified: boolean;
}

/** A new template starts as an empty draft, revision 1; criteria are added before publishing. */
export async function createTemplate(db: DB, principal: Principal, input: NewTemplate) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	const clash = await db
		.selectFrom('checklist_templates')
		.select('id')
		.where('department_id', '=', departmentId)
		.where('code', '=', input.code)
		.executeTakeFirst();
	if (clash) throw fieldError('code', 'v_duplicate');
	return insertTemplate(
		db,
		departmentId,
		{
			code: input.code,
			kind: input.kind,
			name: [input.nameVi, input.nameEn],
			description: [input.descriptionVi, input.descriptionEn],
			isVerified: input.isVerified,
			criteria: []
		},
		{ status: 'draft', actorUserId: principal.userId }
	);
}

/**
 * Copies a revision (with its criteria) into a new draft revision of the same code. `version` is
 * the revision's version the page showed (a stale page copies nothing: a conflict).
 */
export async function createRevision(
	db: DB,
	principal: Principal,
	templateId: number,
	version?: number
) {
	const { template } = await getTemplate(db, principal, templateId);
	if (version !== undefined && template.version !== version)
		throw new ConflictError('checklist_template', templateId);
	return writeTransaction(db, async (trx) => {
		const latest = await trx
			.selectFrom('checklist_templates')
			.select((eb) => eb.fn.max('revision').as('r'))
			.where('department_id', '=', template.department_id)
			.where('code', '=', template.code)
			.executeTakeFirstOrThrow();
		const copy = await trx
			.insertInto('checklist_templates')
			.values({
				department_id: template.department_id,
				code: template.code,
				revision: Number(latest.r) + 1,
				kind: template.kind,
				name_vi: template.name_vi,
				name_en: template.name_en,
				description_vi: template.description_vi,
				description_en: template.description_en,
				is_verified: template.is_verified,
				status: 'draft',
				created_by: principal.userId,
				updated_by: principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await sql`insert into checklist_criteria (template_id, group_code, code, title_vi, title_en,
			guidance_vi, guidance_en, max_points, is_mandatory, evidence_required, due_offset_days, due_on,
			platform_id, sort_order)
			select ${copy.id}, group_code, code, title_vi, title_en, guidance_vi, guidance_en, max_points,
				is_mandatory, evidence_required, due_offset_days, due_on, platform_id, sort_order
			from checklist_criteria where template_id = ${templateId}`.execute(trx);
		return copy.id;
	});
}
