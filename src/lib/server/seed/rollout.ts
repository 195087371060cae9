import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { seedPlatformCatalogue } from '../rollout/platforms';
import { applyTemplateToSchools } from '../rollout/apply';
import { insertTemplate } from '../rollout/template-revisions';
import { MODEL_TEMPLATE } from '../rollout/template-data';
import { DTI_TEMPLATE } from '../rollout/template-4725';
import { refreshSchoolSummaries } from '../rollout/summary';
import type { SeedContext } from './index';
import { seedChecklistProgress } from './rollout-checklists';
import { seedPlatformProgress } from './rollout-platforms';
import {
	DEMO_SCHOOL_ADMIN,
	DEMO_SCHOOL_NAME,
	planRollout,
	WAVES,
	type SchoolPlanSeed,
	type WaveSeed
} from './rollout-plan';

/**
 * The rollout's demo data: the platform catalogue, the two templates, five waves with mentors,
 * every school's platforms and checklists at a realistic point of progress, and a school-admin
 * account for a Văn Yên school. Deterministic (ctx.rng) and set-based, so first start stays fast.
 */
export async function seedRollout(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	await seedPlatformCatalogue(db);
	const modelId = await insertTemplate(db, ctx.departmentId, MODEL_TEMPLATE, {
		publishedAt: new Date('2022-02-15T03:00:00Z')
	});
	const dtiId = await insertTemplate(db, ctx.departmentId, DTI_TEMPLATE, {
		publishedAt: new Date('2026-01-05T03:00:00Z')
	});
	const waves = await insertWaves(db, ctx.departmentId);
	const plans = planRollout(ctx, waves);
	await db
		.insertInto('school_waves')
		.values(
			plans.map((p) => ({
				school_id: p.schoolId,
				wave_id: p.wave.id,
				mentor_school_id: p.mentorSchoolId,
				updated_at: `${p.wave.startsOn}T08:00:00+07:00`
			}))
		)
		.execute();
	for (const wave of waves)
		await applyTemplateToSchools(db, {
			departmentId: ctx.departmentId,
			templateId: modelId,
			target: { target: 'wave', areaId: null, waveId: wave.id },
			actorUserId: ctx.users['so@demo.example'],
			createdAt: new Date(`${wave.startsOn}T08:00:00+07:00`)
		});
	await applyTemplateToSchools(db, {
		departmentId: ctx.departmentId,
		templateId: dtiId,
		target: { target: 'all', areaId: null, waveId: null },
		actorUserId: ctx.users['so@demo.example'],
		createdAt: new Date('2026-01-10T08:00:00+07:00')
	});
	const statuses = await seedPlatformProgress(db, ctx.rng, plans);
	const vanYen = ctx.areaIds.get('VY');
	const areaOf = new Map(ctx.schools.map((s) => [s.id, s.area_id]));
	const reviewerOf = (p: SchoolPlanSeed) =>
		areaOf.get(p.schoolId) === vanYen
			? ctx.users['vanyen@demo.example']
			: ctx.users['so@demo.example'];
	await seedChecklistProgress(db, ctx.rng, plans, statuses, reviewerOf);
	await markSeedExceptions(db);
	await seedDemoSchoolAdmin(db, ctx);
	await refreshSchoolSummaries(db, { departmentId: ctx.departmentId });
}

async function insertWaves(db: Kysely<Database>, departmentId: number): Promise<WaveSeed[]> {
	const rows = await db
		.insertInto('rollout_waves')
		.values(
			WAVES.map((w) => ({
				department_id: departmentId,
				ordinal: w.ordinal,
				name: w.name,
				starts_on: w.startsOn,
				target_on: w.targetOn,
				note:
					w.ordinal === 0
						? 'Hai trường thí điểm mô hình trường học chuyển đổi số: THPT Chuyên Nguyễn Tất Thành và THCS Quang Trung.'
						: null
			}))
		)
		.returning(['id', 'ordinal'])
		.execute();
	return WAVES.map((w) => ({ ...w, id: rows.find((r) => r.ordinal === w.ordinal)!.id }));
}

/** The vice principal of the Văn Yên demo school gets the school-admin demo account. */
async function seedDemoSchoolAdmin(db: Kysely<Database>, ctx: SeedContext) {
	const school = ctx.schools.find((s) => s.name === DEMO_SCHOOL_NAME);
	if (!school) return;
	const staff = await db
		.selectFrom('staff')
		.select(['id', 'full_name', 'phone'])
		.where('school_id', '=', school.id)
		.where('position', '=', 'vice_principal')
		.executeTakeFirstOrThrow();
	const user = await db
		.insertInto('users')
		.values({
			email: DEMO_SCHOOL_ADMIN,
			name: staff.full_name,
			phone: staff.phone,
			password_hash: ctx.passwordHash
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.updateTable('staff')
		.set({ user_id: user.id, email: DEMO_SCHOOL_ADMIN })
		.where('id', '=', staff.id)
		.execute();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'school_admin', school_id: school.id })
		.execute();
	ctx.users[DEMO_SCHOOL_ADMIN] = user.id;
}

/**
 * Demo approvals of a checklist with an unmet mandatory condition stand as explicit exceptions
 * with a reason (issue 9, point 2), as the portal now requires of a reviewer.
 */
async function markSeedExceptions(db: Kysely<Database>) {
	await sql`update school_checklists c
		set approval_exception = 'Dữ liệu mẫu: duyệt trước khi hoàn thành điều kiện bắt buộc; trường cam kết bổ sung trong học kỳ.'
		where c.status = 'approved' and exists (
			select 1 from school_checklist_items i
			join checklist_criteria cr on cr.id = i.criterion_id and cr.is_mandatory
			where i.checklist_id = c.id
				and not (i.status = 'done' and i.review_decision is distinct from 'returned'))`.execute(db);
}
