import type { DB } from '../../src/lib/server/db';
import { insertTemplate } from '../../src/lib/server/rollout/template-revisions';
import { applyTemplateToSchools } from '../../src/lib/server/rollout/apply';
import { refreshSchoolSummaries } from '../../src/lib/server/rollout/summary';
import type { CriterionSeed } from '../../src/lib/server/rollout/template-data';
import { principalOf } from './context';

/**
 * Rows of one test: a department and area of its own, a fresh school (with its admin and staff)
 * and a small published template given to it, so tests that write never change what other tests
 * count in the demo province.
 */
let seq = 0;
const unique = () => `${process.pid % 1000}${Date.now() % 100000}${seq++}`;

export interface TestArea {
	id: number;
	department_id: number;
}

export async function createTestArea(db: DB, departmentId?: number): Promise<TestArea> {
	const code = `T${unique()}`;
	const department =
		departmentId ??
		(
			await db
				.insertInto('departments')
				.values({ code, name: `Sở thử nghiệm ${code}`, province_name: 'Thử nghiệm' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	return db
		.insertInto('areas')
		.values({ department_id: department, code, name: `Khu vực ${code}` })
		.returning(['id', 'department_id'])
		.executeTakeFirstOrThrow();
}

/** An area official of the area, as a principal. */
export async function createAreaOfficial(db: DB, area: TestArea) {
	const email = `area.${area.id}.${unique()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Giàng A Páo' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'area', department_id: area.department_id, area_id: area.id })
		.execute();
	return principalOf(db, email);
}

export async function createTestSchool(db: DB, given?: TestArea) {
	const area = given ?? (await createTestArea(db));
	const code = `T${unique()}`.slice(0, 15);
	const school = await db
		.insertInto('schools')
		.values({
			department_id: area.department_id,
			area_id: area.id,
			code,
			name: `Trường TH Thử nghiệm ${code}`,
			level: 'TH'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const staff = await db
		.insertInto('staff')
		.values({
			school_id: school.id,
			code: 'GV001',
			full_name: 'Lò Thị Mai',
			position: 'vice_principal'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const email = `admin.${code.toLowerCase()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Lò Thị Mai', password_hash: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'school_admin', school_id: school.id })
		.execute();
	return {
		schoolId: school.id,
		staffId: staff.id,
		departmentId: area.department_id,
		area,
		admin: await principalOf(db, email)
	};
}

export const TEST_CRITERIA: CriterionSeed[] = [
	{
		group: 'management',
		code: 'QL.01',
		title: ['Ban chỉ đạo', 'Steering group'],
		guidance: ['Quyết định', 'Decision'],
		maxPoints: 0,
		mandatory: true,
		evidence: true,
		dueOffsetDays: 30
	},
	{
		group: 'management',
		code: 'QL.02',
		title: ['Phần mềm quản lý', 'Management software'],
		guidance: ['', ''],
		maxPoints: 60,
		evidence: true,
		dueOffsetDays: 60
	},
	{
		group: 'teaching',
		code: 'DH.01',
		title: ['Dạy học trực tuyến', 'Online teaching'],
		guidance: ['', ''],
		maxPoints: 40,
		evidence: false,
		dueOffsetDays: 90
	}
];

/** A published model template of three criteria, given to the school; returns the checklist. */
export async function giveChecklist(db: DB, school: { schoolId: number; departmentId: number }) {
	const templateId = await insertTemplate(db, school.departmentId, {
		code: `test-${unique()}`.slice(0, 40),
		kind: 'model',
		name: ['Danh mục thử nghiệm', 'Test checklist'],
		description: ['', ''],
		isVerified: true,
		criteria: TEST_CRITERIA
	});
	await applyTemplateToSchools(db, {
		departmentId: school.departmentId,
		templateId,
		target: { target: 'schools', schoolIds: [school.schoolId] },
		actorUserId: null
	});
	await refreshSchoolSummaries(db, { schoolIds: [school.schoolId] });
	const checklist = await db
		.selectFrom('school_checklists')
		.select(['id', 'version'])
		.where('school_id', '=', school.schoolId)
		.where('template_id', '=', templateId)
		.executeTakeFirstOrThrow();
	const items = await db
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as c', 'c.id', 'i.criterion_id')
		.select(['i.id', 'i.version', 'c.code'])
		.where('i.checklist_id', '=', checklist.id)
		.execute();
	const item = (code: string) => items.find((i) => i.code === code)!;
	return { checklistId: checklist.id, templateId, item };
}
