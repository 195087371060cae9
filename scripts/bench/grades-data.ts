import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db';

/**
 * A province's gradebooks in set-based SQL, on top of the demo seed: every lower and upper
 * secondary school without a roster gets `classesPerSchool` classes of 40 pupils in the current
 * year, and every pupil a full year of scores in every scored and comment subject of the
 * programme (TX as the plan counts them, GK, CK; both semesters), their semester results and a
 * year summary. Row triggers are off during the load; statistics are taken at the end.
 */
export async function seedProvinceGrades(db: DB, o: { classesPerSchool: number }) {
	const log = (what: string, t0: number) =>
		console.log(`  ${what.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	await sql`set session_replication_role = replica`.execute(db);
	await sql`select setseed(0.2226)`.execute(db);
	let t = performance.now();
	const { rows: before } = await sql<{
		id: number;
	}>`select coalesce(max(id), 0) as id from classes`.execute(db);
	const after = before[0].id;
	await sql`insert into classes (school_id, school_year_id, grade, name)
		select s.id, y.id, g.grade, g.grade || 'B' || n
		from schools s
		cross join (select id from school_years where is_current) y
		cross join lateral (select case when s.level = 'THPT' then 10 + (k % 3) else 6 + (k % 4) end as grade, k
			from generate_series(0, ${o.classesPerSchool} - 1) k) g
		cross join lateral (select g.k / case when s.level = 'THPT' then 3 else 4 end + 1 as n) x
		where s.level in ('THCS', 'THPT', 'TH_THCS')
			and not exists (select 1 from classes c where c.school_id = s.id)`.execute(db);
	await sql`insert into students (school_id, class_id, code, full_name, gender)
		select c.school_id, c.id, 'P' || c.id || '-' || i, 'Học sinh ' || c.name || ' số ' || i,
			case when i % 2 = 0 then 'F' else 'M' end
		from classes c cross join generate_series(1, 40) i
		where c.id > ${after}`.execute(db);
	log('classes and pupils', t);

	t = performance.now();
	// TX per the plan's rule (Circular 22, Art. 6(2)): 35 periods or fewer: 2; up to 70: 3; else 4;
	// comment subjects 2.
	await sql`create temporary table bench_books as
		select st.id as student_id, c.id as class_id, sp.subject_id, sem.id as semester_id, sub.assessment,
			case when sub.assessment = 'comment' or sp.periods_per_year <= 35 then 2
				when sp.periods_per_year <= 70 then 3 else 4 end as n_tx
		from students st
		join classes c on c.id = st.class_id and c.id > ${after}
		join subject_periods sp on sp.grade = c.grade and sp.periods_per_year > 0
		join subjects sub on sub.id = sp.subject_id and sub.level in ('THCS', 'THPT') and not sub.is_elective
		join semesters sem on sem.school_year_id = c.school_year_id`.execute(db);
	await sql`insert into grade_scores (student_id, subject_id, semester_id, class_id, column_key, value, state)
		select b.student_id, b.subject_id, b.semester_id, b.class_id, col,
			case when b.assessment = 'score' then round((4 + random() * 6)::numeric, 1) end,
			case when b.assessment = 'score' then 'value' when random() < 0.95 then 'dat' else 'chua_dat' end
		from bench_books b
		cross join lateral unnest(array['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck']) with ordinality as u(col, i)
		where u.i <= b.n_tx or u.col in ('gk', 'ck')`.execute(db);
	log('scores', t);

	t = performance.now();
	await sql`insert into grade_results (student_id, subject_id, semester_id, class_id, status, average, passed)
		select b.student_id, b.subject_id, b.semester_id, b.class_id, 'ok',
			case when b.assessment = 'score' then round((5 + random() * 4.5)::numeric, 1) end,
			case when b.assessment = 'comment' then random() < 0.95 end
		from bench_books b`.execute(db);
	await sql`insert into grade_year_summaries (school_id, class_id, student_id, school_year_id,
			learning1, learning2, learning_year, conduct1, conduct2, conduct_year, decision)
		select st.school_id, st.class_id, st.id, c.school_year_id, l1, l2, l2, 'tot', 'tot', 'tot',
			case when l2 = 'chua_dat' then 'summer_retest' else 'promoted' end
		from students st join classes c on c.id = st.class_id and c.id > ${after}
		cross join lateral (select (array['tot', 'kha', 'dat', 'chua_dat'])[1 + (random() * 3.6)::int % 4] as l1,
			(array['tot', 'kha', 'kha', 'dat'])[1 + (random() * 3.9)::int % 4] as l2 from (select st.id) z) x
		on conflict do nothing`.execute(db);
	log('results and year summaries', t);

	await sql`set session_replication_role = origin`.execute(db);
	t = performance.now();
	await sql`analyze`.execute(db);
	log('analyze', t);
	const { rows } = await sql<{ pupils: number; scores: number; results: number }>`
		select (select count(*)::int from students) as pupils, (select count(*)::int from grade_scores) as scores,
			(select count(*)::int from grade_results) as results`.execute(db);
	return rows[0];
}
