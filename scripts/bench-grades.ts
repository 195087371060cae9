// npm run bench:grades: the gradebook at province scale on a throwaway PostgreSQL database: the
// demo province, then every secondary school without a roster filled with classes of 40 pupils and
// a full year of scores: at the default 26 classes, about 70,000 pupils and 7 M score rows (the
// issue's "about 70,000 pupils"). Measures, through the built portal, opening a
// class gradebook, saving a whole column (the plain form, as without JavaScript), the homeroom summary,
// the parent's child results and /department/grades. Exits by itself and drops its database, also
// on Ctrl-C or SIGTERM. Settings: BENCH_DATABASE_URL, BENCH_CLASSES_PER_SCHOOL (26),
// BENCH_REQUESTS (40 per endpoint), BENCH_PORT (4391). Build first (npm run bench:grades does).
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { createKysely, createPool } from '../src/lib/server/db/connect';
import { migrate } from '../src/lib/server/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../src/lib/server/seed';
import { seedProvinceGrades } from './bench/grades-data';
import { createBenchDatabase, runBench, signIn as formSignIn, startPortal } from './bench/portal';

const CLASSES = Number(process.env.BENCH_CLASSES_PER_SCHOOL ?? 26);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const base = `http://127.0.0.1:${PORT}`;
const signIn = (email: string) => formSignIn(base, email, DEMO_PASSWORD);

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const appMs = (res: Response) =>
	Number(/app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
const queries = (res: Response) =>
	Number(/desc="(\d+) queries"/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);

/** Times `request` REQUESTS times after 3 warm-up calls; `expect` is the status it must answer. */
async function measure(name: string, request: () => Promise<Response>, expect = 200) {
	const server: number[] = [];
	const total: number[] = [];
	let bytes = 0;
	let count = 0;
	for (let i = 0; i < REQUESTS + 3; i++) {
		const t0 = performance.now();
		const res = await request();
		const body = await res.arrayBuffer();
		const elapsed = performance.now() - t0;
		if (res.status !== expect) throw new Error(`${name}: ${res.status}`);
		if (i < 3) continue;
		server.push(appMs(res));
		total.push(elapsed);
		bytes = body.byteLength;
		count = queries(res);
	}
	server.sort((a, b) => a - b);
	total.sort((a, b) => a - b);
	return {
		endpoint: name,
		'server median ms': pct(server, 50).toFixed(1),
		'server p95 ms': pct(server, 95).toFixed(1),
		'total p95 ms': pct(total, 95).toFixed(1),
		queries: count,
		'body kB': (bytes / 1024).toFixed(0)
	};
}

await runBench(async (cleanup) => {
	if (!existsSync('build/index.js')) throw new Error('Build the portal first: npx vite build');
	const database = await createBenchDatabase('trs_bench_grades');
	cleanup(() => database.drop());
	const pool = createPool(database.url, 2);
	await migrate(pool);
	const db = createKysely(pool);
	cleanup(() => db.destroy());
	const t = performance.now();
	console.log(`Seeding the demo province into ${database.name} …`);
	await seedDemo(db);
	console.log(`  demo seed ${((performance.now() - t) / 1000).toFixed(1)} s`);
	const size = await seedProvinceGrades(db, { classesPerSchool: CLASSES });
	console.log(
		`Province: ${size.pupils.toLocaleString('en')} pupils, ${size.scores.toLocaleString('en')} score rows, ` +
			`${size.results.toLocaleString('en')} results`
	);

	// the demo teacher's scored gradebook of semester I with the most pupils, its open TX columns
	const { rows: books } = await sql<{
		class_id: number;
		subject_id: number;
		semester_id: number;
		pupils: number;
	}>`select ta.class_id, ta.subject_id, sem.id as semester_id,
			(select count(*)::int from students st where st.class_id = c.id and st.active) as pupils
		from teaching_assignments ta join staff t on t.id = ta.staff_id
		join users u on u.id = t.user_id and u.email = 'quangtrung.gv@demo.example'
		join classes c on c.id = ta.class_id
		join school_years y on y.id = c.school_year_id and y.is_current
		join semesters sem on sem.school_year_id = y.id and sem.number = 1
		join subjects s on s.id = ta.subject_id and s.assessment = 'score'
		order by pupils desc limit 1`.execute(db);
	const book = books[0];
	const { rows: pupils } = await sql<{ id: number }>`select id from students
		where class_id = ${book.class_id} and active order by id`.execute(db);
	const { rows: kids } = await sql<{
		id: number;
	}>`select sg.student_id as id from student_guardians sg
		join guardians g on g.id = sg.guardian_id join users u on u.id = g.user_id
		where u.email = 'quangtrung.ph@demo.example' order by sg.student_id limit 1`.execute(db);
	const { rows: homerooms } = await sql<{ id: number }>`select c.id from classes c
		join staff t on t.id = c.homeroom_staff_id join users u on u.id = t.user_id
		join school_years y on y.id = c.school_year_id and y.is_current
		where u.email = 'quangtrung.gv@demo.example' limit 1`.execute(db);
	// a whole column of the class (the "whole class column"): one cell per pupil
	const cells = pupils.map((p) => ({ studentId: p.id, column: 'tx1' }));

	const portal = await startPortal(database.url, PORT);
	cleanup(() => portal.stop());
	const teacher = await signIn('quangtrung.gv@demo.example');
	const parent = await signIn('quangtrung.ph@demo.example');
	const dept = await signIn('so@demo.example');
	const gradebookPath = `/teacher/grades/${book.class_id}/${book.subject_id}/${book.semester_id}`;
	let round = 0;
	/** A whole column of the demo gradebook, each a new value, posted with the versions now stored. */
	async function save() {
		const { rows: stored } = await sql<{ student_id: number; column_key: string; version: number }>`
			select student_id, column_key, version from grade_scores
			where subject_id = ${book.subject_id} and semester_id = ${book.semester_id}
				and student_id in (${sql.join(pupils.map((p) => p.id))})`.execute(db);
		const version = new Map(stored.map((s) => [`${s.student_id}_${s.column_key}`, s.version]));
		round++;
		const form = new URLSearchParams();
		for (const [i, c] of cells.entries()) {
			const key = `${c.studentId}_${c.column}`;
			form.set(`s_${key}`, String(5 + ((round + i) % 5)));
			form.set(`o_${key}`, '');
			form.set(`v_${key}`, String(version.get(key) ?? 0));
		}
		return fetch(`${base}${gradebookPath}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: teacher,
				origin: base,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: form
		});
	}
	const get = (path: string, cookie: string) => () =>
		fetch(`${base}${path}`, { headers: { cookie } });
	console.log(
		`\n${REQUESTS} sequential requests per endpoint (after 3 warm-up requests); ` +
			`gradebook of ${pupils.length} pupils:`
	);
	const rows = [
		await measure('open a class gradebook', get(gradebookPath, teacher)),
		await measure(`save a column of ${cells.length} cells (plain form)`, save, 303),
		await measure('homeroom class summary', get(`/teacher/homeroom/${homerooms[0].id}`, teacher)),
		await measure("parent: child's results", get(`/parent/children/${kids[0].id}/grades`, parent)),
		await measure('/department/grades (province)', get('/department/grades', dept)),
		await measure('/department/grades?term=year', get('/department/grades?term=year', dept))
	];
	console.table(rows);
	const target = (row: (typeof rows)[number], ms: number) =>
		`${row.endpoint}: p95 ${row['server p95 ms']} ms (target < ${ms} ms: ${Number(row['server p95 ms']) < ms ? 'met' : 'NOT met'})`;
	console.log(
		[target(rows[1], 150), target(rows[2], 200), target(rows[3], 100), target(rows[4], 300)].join(
			'\n'
		)
	);
});
