import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import { seedPlatformCatalogue } from '../../src/lib/server/rollout/platforms';
import { insertTemplate } from '../../src/lib/server/rollout/template-revisions';
import { MODEL_TEMPLATE } from '../../src/lib/server/rollout/template-data';
import { applyTemplateToSchools } from '../../src/lib/server/rollout/apply';
import {
	rebuildPlatformCounts,
	refreshSchoolSummaries
} from '../../src/lib/server/rollout/summary';

/**
 * A country-sized rollout in set-based SQL: one department, `areas` areas, `schools` schools,
 * 12 platforms each, six waves, the model checklist applied to every school with progress that
 * follows each school's own pace; then the summaries are computed by the portal's own refresh.
 * Row triggers are switched off during the bulk load (session_replication_role) and the counts
 * they keep are rebuilt once at the end.
 */
export const BENCH_PASSWORD = 'bench-2026';

export async function seedCountry(db: DB, o: { schools: number; areas: number }) {
	const log = (what: string, t0: number) =>
		console.log(`  ${what.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	let t = performance.now();
	await sql`set session_replication_role = replica`.execute(db);
	await sql`select setseed(0.2022)`.execute(db);
	const dept = await db
		.insertInto('departments')
		.values({ code: 'VN', name: 'Dữ liệu thử tải toàn quốc', province_name: 'Toàn quốc' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await sql`insert into areas (department_id, code, name)
		select ${dept.id}, 'A' || g, 'Khu vực ' || g from generate_series(1, ${o.areas}) g`.execute(db);
	await seedPlatformCatalogue(db);
	await sql`insert into rollout_waves (department_id, ordinal, name, starts_on, target_on)
		select ${dept.id}, g, 'Đợt ' || g, make_date(2021 + g, 9, 5), make_date(2022 + g, 5, 31)
		from generate_series(0, 5) g`.execute(db);
	await sql`insert into schools (department_id, area_id, code, name, level,
			student_count, class_count, staff_count)
		select ${dept.id}, a.min_id + (g - 1) % ${o.areas}, 'B' || lpad(g::text, 6, '0'),
			'Trường thử tải số ' || g,
			(array['TH', 'THCS', 'THPT', 'TH_THCS'])[1 + g % 4], 200 + g % 700, 8 + g % 25, 15 + g % 40
		from generate_series(1, ${o.schools}) g, (select min(id) as min_id from areas) a`.execute(db);
	log(`${o.schools} schools in ${o.areas} areas`, t);

	t = performance.now();
	// Each school has its pace (0..1); later waves are further behind.
	await sql`create temporary table pace as
		select s.id, w.id as wave_id, w.ordinal,
			least(1, greatest(0, random() * 0.6 + (5 - w.ordinal) * 0.12)) as p
		from schools s
		join rollout_waves w on w.ordinal = least(5, (s.id * 6) / (${o.schools} + 1))`.execute(db);
	await sql`insert into school_waves (school_id, wave_id) select id, wave_id from pace`.execute(db);
	await sql`insert into school_rollout_summary (school_id, department_id, area_id, level, active)
		select id, department_id, area_id, level, active from schools`.execute(db);
	await sql`insert into school_platforms (school_id, platform_id, status, updated_at)
		select x.id, p.id,
			case when x.p >= 0.95 or r < x.p then 'in_use' when r < x.p + 0.1 then 'deployed'
				when r < x.p + 0.2 then 'deploying' else 'not_started' end,
			make_date(2022 + x.ordinal, 1 + (x.id % 12), 1)
		from pace x cross join platforms p cross join lateral (select random() + p.id * 0 as r) z`.execute(
		db
	);
	log('school platforms', t);

	t = performance.now();
	const templateId = await insertTemplate(db, dept.id, MODEL_TEMPLATE);
	await applyTemplateToSchools(db, {
		departmentId: dept.id,
		templateId,
		target: { target: 'all', areaId: null, waveId: null },
		actorUserId: null
	});
	await sql`update school_checklist_items i set status = case
			when x.p >= 0.95 or random() < x.p then 'done' when random() < 0.5 then 'in_progress'
			else 'not_started' end
		from pace x where x.id = i.school_id`.execute(db);
	await sql`update school_checklists c set
			status = case when x.p >= 0.95 then 'approved' when x.p > 0.85 then 'submitted' else 'draft' end,
			approved_at = case when x.p >= 0.95 then make_date(2022 + x.ordinal, 6, 1 + x.id % 28)::timestamptz end,
			submitted_at = case when x.p > 0.85 then make_date(2022 + x.ordinal, 5, 1 + x.id % 28)::timestamptz end
		from pace x where x.id = c.school_id`.execute(db);
	log('model checklist (16 items per school)', t);

	t = performance.now();
	await refreshSchoolSummaries(db, { departmentId: dept.id });
	await rebuildPlatformCounts(db);
	await sql`set session_replication_role = origin`.execute(db);
	await sql`analyze`.execute(db);
	log('summaries and counts (refreshSchoolSummaries)', t);
	return dept.id;
}

/** A department official and the official of the first area. */
export async function seedBenchUsers(db: DB, departmentId: number) {
	const hash = await hashPassword(BENCH_PASSWORD);
	const area = await db
		.selectFrom('areas')
		.select('id')
		.where('department_id', '=', departmentId)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	const users = await db
		.insertInto('users')
		.values([
			{ email: 'bo@bench.example', name: 'Cán bộ Bộ', password_hash: hash },
			{ email: 'khuvuc@bench.example', name: 'Cán bộ khu vực', password_hash: hash }
		])
		.returning(['id', 'email'])
		.execute();
	await db
		.insertInto('role_assignments')
		.values([
			{ user_id: users[0].id, role: 'department', department_id: departmentId },
			{ user_id: users[1].id, role: 'area', department_id: departmentId, area_id: area.id }
		])
		.execute();
	return { department: 'bo@bench.example', area: 'khuvuc@bench.example' };
}
