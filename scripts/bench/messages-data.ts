import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';

/**
 * The data of `npm run bench:messages`, written set-wise (generate_series, foreign-key triggers off
 * while loading): a department of `schools` schools in `areas` areas; per school one admin, one
 * teacher and `families` pupils each with one parent account, one homeroom conversation per pupil
 * with `perConversation` messages spread over three months (1 M messages at the defaults); and
 * `notices` official notices to every school, a share of them read by the school's admin.
 */
export interface MessagesBenchSize {
	schools: number;
	areas: number;
	families: number;
	perConversation: number;
	notices: number;
	readShare: number;
}

const step = async (what: string, run: () => Promise<unknown>) => {
	const t = performance.now();
	await run();
	console.log(`  ${what.padEnd(52)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
};

export async function seedMessagesBench(db: DB, o: MessagesBenchSize) {
	await sql`set session_replication_role = replica`.execute(db);
	await sql`select setseed(0.13)`.execute(db);
	const dept = await db
		.insertInto('departments')
		.values({ code: 'BM', name: 'Sở thử tải tin nhắn', province_name: 'Thử tải' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const F = o.families;
	await step(`${o.schools} schools, ${o.areas} areas, admins and teachers`, async () => {
		await sql`insert into areas (department_id, code, name)
			select ${dept.id}, 'A' || g, 'Khu vực ' || g from generate_series(1, ${o.areas}) g`.execute(db);
		await sql`insert into schools (department_id, area_id, code, name, level)
			select ${dept.id}, a.min_id + (g - 1) % ${o.areas}, 'M' || lpad(g::text, 6, '0'),
				'Trường thử tải ' || g, 'THCS'
			from generate_series(1, ${o.schools}) g, (select min(id) as min_id from areas) a`.execute(db);
		// users: per school an admin (adm<s>), a teacher (gv<s>), then the parents (ph<s>.<i>)
		await sql`insert into users (email, name)
			select kind || s.id || '@bench.example', kind || ' ' || s.id
			from schools s cross join (values ('adm'), ('gv')) k(kind)`.execute(db);
		await sql`insert into role_assignments (user_id, role, school_id)
			select u.id, case when u.email like 'adm%' then 'school_admin' else 'teacher' end, s.id
			from schools s join users u on u.email in ('adm' || s.id || '@bench.example', 'gv' || s.id || '@bench.example')`.execute(
			db
		);
		await sql`insert into staff (school_id, user_id, code, full_name)
			select s.id, u.id, 'GV1', u.name from schools s
			join users u on u.email = 'gv' || s.id || '@bench.example'`.execute(db);
	});
	await step(`${o.schools * F} pupils, guardians and parent accounts`, async () => {
		await sql`insert into students (school_id, code, full_name)
			select s.id, 'HS' || g, 'Học sinh ' || g from schools s, generate_series(1, ${F}) g`.execute(db);
		await sql`insert into users (email, name)
			select 'ph' || st.id || '@bench.example', 'Phụ huynh ' || st.id from students st`.execute(db);
		await sql`insert into guardians (school_id, user_id, full_name)
			select st.school_id, u.id, u.name from students st
			join users u on u.email = 'ph' || st.id || '@bench.example'`.execute(db);
		await sql`insert into student_guardians (student_id, guardian_id, relationship)
			select st.id, g.id, 'mother' from students st
			join users u on u.email = 'ph' || st.id || '@bench.example'
			join guardians g on g.user_id = u.id`.execute(db);
		await sql`insert into role_assignments (user_id, role)
			select user_id, 'parent' from guardians`.execute(db);
	});
	await step(
		`${o.schools * F} conversations, ${o.schools * F * o.perConversation} messages`,
		async () => {
			await sql`insert into conversations (school_id, student_id, kind, staff_id, title, started_by, created_at)
			select st.school_id, st.id, 'homeroom', sf.id, 'Hỏi về học tập', g.user_id,
				now() - interval '90 days' + (st.id % 80) * interval '1 day'
			from students st join staff sf on sf.school_id = st.school_id
			join student_guardians sg on sg.student_id = st.id join guardians g on g.id = sg.guardian_id`.execute(
				db
			);
			await sql`insert into conversation_participants (conversation_id, user_id, side)
			select c.id, c.started_by, 'family' from conversations c
			union all select c.id, sf.user_id, 'staff' from conversations c join staff sf on sf.id = c.staff_id`.execute(
				db
			);
			await sql`insert into conversation_messages (conversation_id, sender_id, side, body, created_at)
			select c.id, case when k % 2 = 1 then c.started_by else sf.user_id end,
				case when k % 2 = 1 then 'family' else 'staff' end,
				'Kính gửi thầy cô, tin nhắn số ' || k,
				c.created_at + k * interval '7 hours' + (random() * 3600) * interval '1 second'
			from conversations c join staff sf on sf.id = c.staff_id,
			generate_series(1, ${o.perConversation}) k`.execute(db);
			await sql`update conversations c set last_message_id = m.id, last_message_at = m.created_at
			from (select distinct on (conversation_id) conversation_id, id, created_at
				from conversation_messages order by conversation_id, id desc) m
			where m.conversation_id = c.id`.execute(db);
			await sql`update conversation_participants p set last_read_message_id = c.last_message_id,
				last_read_at = c.last_message_at
			from conversations c where c.id = p.conversation_id and random() < 0.7`.execute(db);
		}
	);
	const sender = await db
		.insertInto('users')
		.values({ email: 'so@bench.example', name: 'Cán bộ Sở' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: sender.id, role: 'department', department_id: dept.id })
		.execute();
	await step(`${o.notices} official notices × ${o.schools} schools, reads`, async () => {
		await sql`insert into official_notices (department_id, title, body, sent_by, sent_at, school_count)
			select ${dept.id}, 'Công văn số ' || g, 'Nội dung công văn ' || g, ${sender.id},
				now() - (${o.notices} - g) * interval '4 hours', ${o.schools}
			from generate_series(1, ${o.notices}) g`.execute(db);
		await sql`insert into official_notice_schools (notice_id, school_id, read_at)
			select n.id, s.id, case when random() < ${o.readShare} then n.sent_at + interval '1 hour' end
			from official_notices n cross join schools s
			-- one notice's rows together, as its one INSERT … SELECT writes them
			order by n.id, s.id`.execute(db);
		await sql`insert into official_notice_reads (notice_id, school_id, user_id, read_at)
			select ons.notice_id, ons.school_id, ra.user_id, ons.read_at
			from official_notice_schools ons
			join role_assignments ra on ra.school_id = ons.school_id and ra.role = 'school_admin'
			where ons.read_at is not null`.execute(db);
		await sql`update official_notices n set read_count = r.n
			from (select notice_id, count(*)::int as n from official_notice_schools
				where read_at is not null group by notice_id) r
			where r.notice_id = n.id`.execute(db);
	});
	await sql`set session_replication_role = origin`.execute(db);
	await step('analyze', () => sql`analyze`.execute(db));
	return { departmentId: dept.id, senderId: sender.id };
}

/**
 * One more school of the department with `families` pupils, each with a parent account (set-wise,
 * like the rest): the target of the fan-out timing of a school notice to every family.
 */
export async function seedFanoutSchool(db: DB, departmentId: number, families: number) {
	await sql`set session_replication_role = replica`.execute(db);
	const school = await sql<{
		id: number;
	}>`insert into schools (department_id, area_id, code, name, level)
		select ${departmentId}, min(id), 'FANOUT', 'Trường thử gửi diện rộng', 'THCS' from areas
		where department_id = ${departmentId} returning id`.execute(db);
	const id = school.rows[0].id;
	await step(`${families} families of the fan-out school`, async () => {
		await sql`insert into students (school_id, code, full_name)
			select ${id}, 'F' || g, 'Học sinh ' || g from generate_series(1, ${families}) g`.execute(db);
		await sql`insert into users (email, name)
			select 'fo' || st.id || '@bench.example', 'Phụ huynh ' || st.id from students st
			where st.school_id = ${id}`.execute(db);
		await sql`insert into guardians (school_id, user_id, full_name)
			select ${id}, u.id, u.name from users u where u.email like 'fo%@bench.example'`.execute(db);
		await sql`insert into student_guardians (student_id, guardian_id, relationship)
			select st.id, g.id, 'father' from students st
			join users u on u.email = 'fo' || st.id || '@bench.example'
			join guardians g on g.user_id = u.id
			where st.school_id = ${id}`.execute(db);
	});
	await sql`set session_replication_role = origin`.execute(db);
	await sql`analyze students, guardians, student_guardians, users`.execute(db);
	return id;
}
