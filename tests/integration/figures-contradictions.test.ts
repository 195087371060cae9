import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { refreshSchoolCounts } from '../../src/lib/server/roster/context';
import { rolloutFigures } from '../../src/lib/server/rollout/dashboard-queries';
import { schoolsAtRisk } from '../../src/lib/server/rollout/dashboard-lists';
import { unverifiedLevelTemplates } from '../../src/lib/server/rollout/dashboard';
import { getNextSteps, getSchoolRollout } from '../../src/lib/server/rollout/school-rollout';
import { runChecklistAction } from '../../src/lib/server/rollout/checklist-actions';
import { reviewItem, updateItem } from '../../src/lib/server/rollout/checklist-items';
import { getChecklist } from '../../src/lib/server/rollout/checklists';
import { insertTemplate } from '../../src/lib/server/rollout/template-revisions';
import { applyTemplateToSchools } from '../../src/lib/server/rollout/apply';
import { markTemplateVerified } from '../../src/lib/server/rollout/templates';
import { setSchoolPlatformStatus } from '../../src/lib/server/rollout/platforms';
import { updateSchoolPlatform } from '../../src/lib/server/rollout/school-platforms';
import { recomputeAdoption, recordMeasurements } from '../../src/lib/server/usage/status';
import { schoolAdoption } from '../../src/lib/server/usage/school-figures';
import { isGroupReviewed } from '../../src/lib/rollout/scoring';
import { todayIso, vietnamTime } from '../../src/lib/dates';
import { connectTestDb, principalOf, schoolIdByName, QUANG_TRUNG } from '../helpers/context';
import { createAreaOfficial, createTestSchool } from '../helpers/rollout';
import { inRolledBackTransaction, platformId } from '../helpers/usage';

/**
 * Issue 9, points 1-5 and 7: figures and flags that contradicted each other. Each test states the
 * class of problem on the demo province or on rows of its own, so it fails on the code before.
 */
let db: DB;
let close: () => Promise<void>;
let dept: Principal;
const today = todayIso();
beforeAll(async () => {
	({ db, close } = connectTestDb());
	dept = await principalOf(db, 'so@demo.example');
});
afterAll(() => close());

describe('declared and listed pupils (point 1)', () => {
	it('keeps both, and a roster being built never moves the province total', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			// a demo school that declared its pupils and has no roster yet
			const school = await trx
				.selectFrom('schools')
				.select(['id', 'declared_student_count', 'declared_class_count', 'student_count'])
				.where('department_id', '=', dept.roles[0].departmentId!)
				.where('student_count', '=', 0)
				.where('declared_student_count', '>', 100)
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const before = (await rolloutFigures(trx, dept, {}, today)).headline;
			expect(before.students.declared).toBeGreaterThan(before.students.listed);
			// the admin adds a class and three pupils, as the roster services do
			const year = await trx
				.selectFrom('school_years')
				.select('id')
				.where('is_current', '=', true)
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('classes')
				.values({ school_id: school.id, school_year_id: year.id, name: '6Z', grade: 6 })
				.execute();
			await trx
				.insertInto('students')
				.values(
					[1, 2, 3].map((i) => ({
						school_id: school.id,
						code: `FIG${school.id}${i}`,
						full_name: `Học sinh ${i}`,
						date_of_birth: '2014-05-0' + i,
						gender: 'F' as const
					}))
				)
				.execute();
			await refreshSchoolCounts(trx, [school.id]);
			const row = await trx
				.selectFrom('schools')
				.select(['declared_student_count', 'student_count', 'class_count'])
				.where('id', '=', school.id)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({
				declared_student_count: school.declared_student_count,
				student_count: 3,
				class_count: 1
			});
			const after = (await rolloutFigures(trx, dept, {}, today)).headline;
			expect(after.students.declared).toBe(before.students.declared);
			expect(after.classes.declared).toBe(before.classes.declared);
			expect(after.students.listed).toBe(before.students.listed + 3);
			expect(after.classes.listed).toBe(before.classes.listed + 1);
		});
	});
});

describe('"at risk" and "nothing left to do" (point 2)', () => {
	it('names the overdue mandatory conditions of every school flagged for them, also in its next steps', async () => {
		const { headline } = await rolloutFigures(db, dept, {}, today);
		expect(headline.mandatoryOverdue).toBeGreaterThan(0);
		const flagged = [];
		for (let page = 1; page <= Math.ceil(headline.atRisk / 50); page++)
			flagged.push(...(await schoolsAtRisk(db, dept, {}, today, page, 50)));
		const mandatory = flagged.filter((r) => r.reasons.includes('mandatory_overdue'));
		expect(mandatory.length).toBe(headline.mandatoryOverdue);
		for (const school of mandatory) {
			expect(school.overdue.length, school.name).toBeGreaterThan(0);
			const next = await getNextSteps(db, school.id);
			const listed = [
				...next.mandatory.map((u) => u.item_id),
				...next.items.filter((i) => i.is_mandatory).map((i) => i.id)
			];
			for (const u of school.overdue) expect(listed, school.name).toContain(u.itemId);
		}
	});
});

describe('a 4725 checklist with an unmet mandatory condition (points 2, 3, 5)', () => {
	let school: Awaited<ReturnType<typeof createTestSchool>>;
	let reviewer: Principal;
	let official: Principal;
	let templateId: number;
	let checklistId: number;
	const items = new Map<string, number>();
	const versionOf = async (table: 'school_checklists' | 'school_checklist_items', id: number) =>
		(await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow())
			.version;

	beforeAll(async () => {
		school = await createTestSchool(db);
		reviewer = await createAreaOfficial(db, school.area);
		const email = `dept.${school.schoolId}@test.example`;
		const user = await db
			.insertInto('users')
			.values({ email, name: 'Hoàng Văn Thụ' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('role_assignments')
			.values({ user_id: user.id, role: 'department', department_id: school.departmentId })
			.execute();
		official = await principalOf(db, email);
		templateId = await insertTemplate(db, school.departmentId, {
			code: `dti-fig-${school.schoolId}`,
			kind: 'dti',
			name: ['Bộ chỉ số thử nghiệm', 'Test index'],
			description: ['Chưa kiểm chứng', 'Unverified'],
			isVerified: false,
			criteria: [
				{
					group: 'management',
					code: 'QL.01',
					title: ['Ban chỉ đạo', 'Steering group'],
					guidance: ['', ''],
					maxPoints: 0,
					mandatory: true,
					evidence: false
				},
				{
					group: 'management',
					code: 'QL.02',
					title: ['Phần mềm quản lý', 'Management software'],
					guidance: ['', ''],
					maxPoints: 60,
					evidence: false
				},
				{
					group: 'teaching',
					code: 'DH.01',
					title: ['Dạy học trực tuyến', 'Online teaching'],
					guidance: ['', ''],
					maxPoints: 40,
					evidence: false
				}
			]
		});
		await applyTemplateToSchools(db, {
			departmentId: school.departmentId,
			templateId,
			target: { target: 'schools', schoolIds: [school.schoolId] },
			actorUserId: null
		});
		const rows = await db
			.selectFrom('school_checklist_items as i')
			.innerJoin('checklist_criteria as c', 'c.id', 'i.criterion_id')
			.select(['i.id', 'i.checklist_id', 'c.code'])
			.where('i.school_id', '=', school.schoolId)
			.execute();
		for (const r of rows) items.set(r.code, r.id);
		checklistId = rows[0].checklist_id;
		for (const [code, score] of [
			['QL.02', 50],
			['DH.01', 30]
		] as const)
			await updateItem(db, school.admin, school.schoolId, checklistId, items.get(code)!, {
				status: 'done',
				selfScore: score,
				responsibleStaffId: null,
				dueOn: null,
				note: null,
				version: await versionOf('school_checklist_items', items.get(code)!)
			});
		await runChecklistAction(db, school.admin, school.schoolId, checklistId, {
			action: 'submit',
			reason: null,
			version: await versionOf('school_checklists', checklistId)
		});
	});

	it('says "not yet reviewed" for a group the reviewer has not reviewed (point 5)', async () => {
		await reviewItem(db, reviewer, school.schoolId, checklistId, items.get('DH.01')!, {
			reviewerScore: 30,
			decision: 'accepted',
			comment: null,
			version: await versionOf('school_checklist_items', items.get('DH.01')!)
		});
		const { scores } = await getChecklist(db, school.admin, school.schoolId, checklistId);
		expect(scores.review.teaching).toEqual({ reviewed: 1, total: 1 });
		expect(scores.review.management).toEqual({ reviewed: 0, total: 2 });
		expect(isGroupReviewed(scores.review.teaching)).toBe(true);
		expect(isGroupReviewed(scores.review.management)).toBe(false);
	});

	it('refuses the approval without a reason, and records it as an exception with one (point 2)', async () => {
		const approve = async (reason: string | null) =>
			runChecklistAction(db, reviewer, school.schoolId, checklistId, {
				action: 'approve',
				reason,
				version: await versionOf('school_checklists', checklistId)
			});
		await expect(approve(null)).rejects.toMatchObject({
			code: 'rollout_approve_mandatory_unmet',
			params: { codes: 'QL.01' }
		});
		const reason = 'Trường đã có quyết định thành lập ban chỉ đạo, chờ bản ký.';
		await expect(approve(reason)).resolves.toMatchObject({ status: 'approved' });
		const checklist = await getChecklist(db, school.admin, school.schoolId, checklistId);
		expect(checklist.checklist.approval_exception).toBe(reason);
		expect(checklist.unmetMandatory).toEqual(['QL.01']);
		// the approved checklist's unmet condition is still a next step, never "nothing left"
		const next = await getNextSteps(db, school.schoolId);
		expect(next.mandatory.map((u) => u.code)).toEqual(['QL.01']);
	});

	it('warns where the unverified template’s levels are used until the department verifies it (point 3)', async () => {
		expect((await unverifiedLevelTemplates(db, [school.departmentId])).map((t) => t.id)).toEqual([
			templateId
		]);
		const before = await getSchoolRollout(db, school.admin, school.schoolId, today);
		expect(before.dtiTemplate).toMatchObject({ id: templateId, is_verified: false });
		await expect(markTemplateVerified(db, school.admin, templateId, 1)).rejects.toMatchObject({
			status: 404
		});
		const version = (
			await db
				.selectFrom('checklist_templates')
				.select('version')
				.where('id', '=', templateId)
				.executeTakeFirstOrThrow()
		).version;
		await markTemplateVerified(db, official, templateId, version, 'req-fig');
		const row = await db
			.selectFrom('checklist_templates')
			.select(['is_verified', 'verified_by', 'verified_at'])
			.where('id', '=', templateId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ is_verified: true, verified_by: official.userId });
		expect(row.verified_at).toBeInstanceOf(Date);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id'])
			.where('entity', '=', 'checklist_template')
			.where('entity_id', '=', String(templateId))
			.execute();
		expect(audit).toEqual([{ action: 'rollout.template_verify', actor_user_id: official.userId }]);
		expect(await unverifiedLevelTemplates(db, [school.departmentId])).toEqual([]);
		await expect(markTemplateVerified(db, official, templateId, version + 1)).rejects.toMatchObject(
			{ code: 'rollout_template_already_verified' }
		);
	});
});

describe('declared and measured platform use (point 4)', () => {
	it('asks for a reason when the declaration disagrees with measured use, and the recompute never takes it back', async () => {
		const school = await createTestSchool(db);
		const lms = await platformId(db, 'lms');
		await sql`update school_platforms set status = 'deployed'
			where school_id = ${school.schoolId} and platform_id = ${lms}`.execute(db);
		await recordMeasurements(db, { schoolIds: [school.schoolId] }, today);
		const measured = await db
			.selectFrom('school_platforms')
			.select(['measured_active', 'measured_teachers', 'measured_threshold', 'version'])
			.where('school_id', '=', school.schoolId)
			.where('platform_id', '=', lms)
			.executeTakeFirstOrThrow();
		expect(measured).toMatchObject({
			measured_active: 0,
			measured_teachers: 1,
			measured_threshold: 50
		});
		const declare = (changeNote: string | null) =>
			updateSchoolPlatform(db, school.admin, school.schoolId, lms, {
				status: 'in_use',
				vendor: null,
				goLiveOn: null,
				evidenceUrl: null,
				responsibleStaffId: null,
				note: null,
				changeNote,
				version: measured.version
			});
		await expect(declare(null)).rejects.toMatchObject({
			field: 'changeNote',
			code: 'rollout_reason_required_measured'
		});
		await declare('Giáo viên dùng trên máy riêng, chưa đồng bộ số liệu');
		await recomputeAdoption(db, { scope: { schoolIds: [school.schoolId] } });
		const after = await db
			.selectFrom('school_platforms')
			.select(['status', 'status_source', 'measured_active', 'measured_teachers'])
			.where('school_id', '=', school.schoolId)
			.where('platform_id', '=', lms)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({
			status: 'in_use',
			status_source: 'manual',
			measured_active: 0,
			measured_teachers: 1
		});
		const summary = await db
			.selectFrom('school_rollout_summary')
			.select(['platforms_in_use', 'platforms_measured_in_use'])
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(summary).toEqual({ platforms_in_use: 1, platforms_measured_in_use: 0 });
	});

	it('has a measurement beside every declared status of the demo province', async () => {
		const unmeasured = (trx: DB, where: ReturnType<typeof sql>) =>
			sql<{ n: number }>`select count(*)::int as n from school_platforms sp
				join platforms p on p.id = sp.platform_id and p.retired_at is null
				join schools s on s.id = sp.school_id
				where sp.measured_teachers is null and ${where}`
				.execute(trx)
				.then((r) => r.rows[0].n);
		// the seed measured the pilots' platforms; the recompute measures every school's
		const pilot = await schoolIdByName(db, QUANG_TRUNG);
		expect(await unmeasured(db, sql`s.id = ${pilot}`)).toBe(0);
		const departmentId = dept.roles[0].departmentId!;
		await inRolledBackTransaction(db, async (trx) => {
			await recomputeAdoption(trx, { scope: { departmentId } });
			expect(await unmeasured(trx, sql`s.department_id = ${departmentId}`)).toBe(0);
		});
		await inRolledBackTransaction(db, async (trx) => {
			const schoolId = await schoolIdByName(trx, QUANG_TRUNG);
			const meetings = await platformId(trx, 'online-meetings');
			await sql`delete from usage_teacher_platform where school_id = ${schoolId}
				and platform_id = ${meetings}`.execute(trx);
			// the school declares it (the seed's own status is not a person's declaration)
			for (const status of ['deployed', 'in_use'] as const)
				await setSchoolPlatformStatus(trx, {
					schoolId,
					platformId: meetings,
					status,
					source: 'manual',
					actorUserId: dept.userId
				});
			await recomputeAdoption(trx, { scope: { schoolIds: [schoolId] } });
			const row = await trx
				.selectFrom('school_platforms')
				.select(['status', 'measured_active'])
				.where('school_id', '=', schoolId)
				.where('platform_id', '=', meetings)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({ status: 'in_use', measured_active: 0 });
		});
	});
});

describe('the weekly trend (point 7)', () => {
	it('marks the last week as partial when it is not over', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const schoolId = await schoolIdByName(db, QUANG_TRUNG);
		// a Wednesday: three days of the week have passed, today included
		const wednesday = vietnamTime(2026, 12, 2, 10, 0);
		const { trend } = await schoolAdoption(db, admin, schoolId, wednesday);
		expect(trend.at(-1)).toMatchObject({ week: '2026-11-30', partialDays: 3 });
		expect(trend.slice(0, -1).every((w) => w.partialDays === null)).toBe(true);
	});
});
