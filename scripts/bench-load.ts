// npm run bench:load: the built portal under many users at once. On a throwaway PostgreSQL database
// (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) with the demo province, it
// signs in as each demo role through the login form, then BENCH_CONNECTIONS (100) connections
// request the mix of every role's pages, one after another, for BENCH_SECONDS (30) seconds, with
// /healthz in the mix. Prints requests/s, p50/p97.5/p99 and errors per page, and the bytes of each
// page as a phone downloads them (brotli) and uncompressed. Exits by itself and drops its database,
// also on Ctrl-C or SIGTERM. Other settings: BENCH_PORT (4490), WEB_CONCURRENCY (the portal's
// worker processes; default one per core), BENCH_ENCODING (br; '' for none). Build first (the npm
// script does).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { createKysely, createPool } from '../src/lib/server/db/connect';
import { migrate } from '../src/lib/server/db/migrate';
import { analyzeTables, seedDemo } from '../src/lib/server/seed';
import { createBenchDatabase, runBench, signIn, startPortal } from './bench/portal';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 4490);
const ENCODING = process.env.BENCH_ENCODING ?? 'br';
const PASSWORD = 'demo-2026';
/** requests per page measured one at a time (after 5 warm-up requests) */
const ALONE = 40;

interface Target {
	name: string;
	path: string;
	/** a demo account, or null for no session */
	as: string | null;
}

const ADMIN = 'quangtrung.admin@demo.example';
const TEACHER = 'quangtrung.gv@demo.example';
const PARENT = 'quangtrung.ph@demo.example';

function mixFor(qt: number): Target[] {
	return [
		{ name: 'department dashboard', path: '/department', as: 'so@demo.example' },
		{ name: 'area dashboard', path: '/department', as: 'vanyen@demo.example' },
		{ name: 'department adoption', path: '/department/adoption', as: 'so@demo.example' },
		{ name: 'school home', path: `/schools/${qt}`, as: ADMIN },
		{ name: 'school rollout', path: `/schools/${qt}/rollout`, as: ADMIN },
		{ name: 'students', path: `/schools/${qt}/students`, as: ADMIN },
		{ name: 'teacher home', path: '/teacher', as: TEACHER },
		{ name: 'teacher usage', path: '/teacher/usage', as: TEACHER },
		{ name: 'parent', path: '/parent', as: PARENT },
		{ name: 'summary API', path: '/api/v1/rollout/summary', as: 'so@demo.example' },
		{ name: 'healthz', path: '/healthz', as: null }
	];
}

/** Pages of the modules that landed after the mix was first written (grades, timetable, messages). */
function modulePages(qt: number): Target[] {
	return [
		{ name: 'school grades', path: `/schools/${qt}/grades`, as: ADMIN },
		{ name: 'teacher timetable', path: '/teacher/timetable', as: TEACHER },
		{ name: 'teacher messages', path: '/teacher/messages', as: TEACHER },
		{ name: 'parent messages', path: '/parent/messages', as: PARENT },
		{ name: 'parent notices', path: '/parent/notices', as: PARENT }
	];
}

/**
 * Pages whose addresses hold ids, found by following the first link of a listing page that
 * matches, as a user would: `{c8a}` and `{qt}` in a pattern are class 8A and the school.
 */
const LINKED: { name: string; from: string; link: string; as: string }[] = [
	{
		name: 'gradebook 8A',
		from: '/teacher/grades',
		link: '/teacher/grades/{c8a}/\\d+/\\d+',
		as: TEACHER
	},
	{
		name: 'school timetable',
		from: '/schools/{qt}/timetable',
		link: '/schools/{qt}/timetable/\\d+',
		as: ADMIN
	},
	{ name: 'parent timetable', from: '/parent', link: '/parent/timetable/\\d+', as: PARENT },
	{ name: 'parent child grades', from: '/parent', link: '/parent/children/\\d+/grades', as: PARENT }
];

interface Answer {
	status: number;
	bytes: number;
	serverMs: number;
	queries: number;
	encoding: string | undefined;
	body?: string;
}

function get(
	agent: http.Agent,
	url: string,
	headers: Record<string, string>,
	keepBody = false
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent, headers }, (res) => {
			let bytes = 0;
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => {
				bytes += c.length;
				if (keepBody) chunks.push(c);
			});
			res.on('end', () => {
				const header = String(res.headers['server-timing'] ?? '');
				const timing = /app;dur=([\d.]+)/.exec(header);
				const queries = /desc="(\d+) queries"/.exec(header);
				resolve({
					status: res.statusCode ?? 0,
					bytes,
					serverMs: timing ? Number(timing[1]) : NaN,
					queries: queries ? Number(queries[1]) : NaN,
					encoding: res.headers['content-encoding'],
					body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
	});
}

/**
 * CPU seconds used so far by each process of the portal (the server and its workers) and of
 * PostgreSQL on this machine, from /proc (Linux; null elsewhere). Their growth over the run,
 * divided by the requests served, is the CPU a request costs: a figure that, unlike requests/s,
 * hardly depends on what else the machine runs.
 */
type CpuSample = Map<number, { group: 'portal' | 'postgres'; user: number; system: number }>;

function cpuSample(portalPid: number): CpuSample | null {
	if (!existsSync('/proc/self/stat')) return null;
	const sample: CpuSample = new Map();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue; // ended while we read
		}
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		// after the name: state, ppid, … utime and stime are the 12th and 13th (in clock ticks)
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const group =
			Number(pid) === portalPid || Number(f[1]) === portalPid
				? 'portal'
				: comm === 'postgres'
					? 'postgres'
					: null;
		if (group)
			sample.set(Number(pid), { group, user: Number(f[11]) / 100, system: Number(f[12]) / 100 });
	}
	return sample;
}

/** CPU seconds per group between two samples (processes that ended in between are not counted). */
function cpuUsed(before: CpuSample, after: CpuSample) {
	const used = { portal: { user: 0, system: 0 }, postgres: { user: 0, system: 0 } };
	for (const [pid, a] of after) {
		used[a.group].user += a.user - (before.get(pid)?.user ?? 0);
		used[a.group].system += a.system - (before.get(pid)?.system ?? 0);
	}
	return used;
}

const pct = (sorted: number[], p: number) =>
	sorted.length
		? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
		: NaN;

await runBench(async (cleanup) => {
	if (!existsSync('build/index.js')) throw new Error('Build the portal first: npx vite build');
	const database = await createBenchDatabase('trs_load');
	cleanup(() => database.drop());
	console.log(`database ${database.name}: migrating and seeding the demo province`);
	const pool = createPool(database.url, 2);
	await migrate(pool);
	const db = createKysely(pool);
	cleanup(() => db.destroy());
	await db.transaction().execute((trx) => seedDemo(trx));
	await analyzeTables(db); // as the portal's own first start does (seedDemoIfEmpty)
	const qt = await db
		.selectFrom('schools')
		.select('id')
		.where('name', '=', 'Trường THCS Quang Trung')
		.executeTakeFirstOrThrow();
	const c8a = await db
		.selectFrom('classes')
		.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
		.select('classes.id')
		.where('classes.school_id', '=', qt.id)
		.where('classes.name', '=', '8A')
		.where('school_years.is_current', '=', true)
		.executeTakeFirstOrThrow();
	const portal = await startPortal(database.url, PORT);
	cleanup(() => portal.stop());
	const mix = [...mixFor(qt.id), ...modulePages(qt.id)];
	const cookies = new Map<string, string>();
	for (const email of new Set(mix.map((t) => t.as).filter((e) => e !== null)))
		cookies.set(email, await signIn(portal.base, email, PASSWORD));
	const headersOf = (t: { as: string | null }, encoding: string): Record<string, string> => ({
		...(t.as ? { cookie: cookies.get(t.as)! } : {}),
		...(encoding ? { 'accept-encoding': encoding } : {})
	});
	const fill = (p: string) =>
		p.replaceAll('{qt}', String(qt.id)).replaceAll('{c8a}', String(c8a.id));
	const finder = new http.Agent({ keepAlive: true, maxSockets: 1 });
	for (const l of LINKED) {
		const page = await get(finder, portal.base + fill(l.from), headersOf(l, ''), true);
		const found = new RegExp(`href="(${fill(l.link)})"`).exec(page.body ?? '');
		if (!found) throw new Error(`no link ${fill(l.link)} on ${fill(l.from)} (${page.status})`);
		mix.push({ name: l.name, path: found[1], as: l.as });
	}
	finder.destroy();

	// What a page weighs, compressed as a phone gets it and uncompressed; and its server time alone.
	const single = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const sizes = [];
	for (const t of mix) {
		const plain = await get(single, portal.base + t.path, headersOf(t, ''));
		const packed = await get(single, portal.base + t.path, headersOf(t, 'br'));
		const alone: number[] = [];
		let cpuBefore: CpuSample | null = null;
		for (let i = 0; i < 5 + ALONE; i++) {
			if (i === 5) cpuBefore = cpuSample(portal.child.pid!);
			const a = await get(single, portal.base + t.path, headersOf(t, ENCODING));
			if (i >= 5) alone.push(a.serverMs);
		}
		const cpuAfter = cpuSample(portal.child.pid!);
		const cpu = cpuBefore && cpuAfter ? cpuUsed(cpuBefore, cpuAfter) : null;
		const cpuMs = (k: 'portal' | 'postgres') =>
			cpu ? +(((cpu[k].user + cpu[k].system) * 1000) / ALONE).toFixed(1) : NaN;
		alone.sort((a, b) => a - b);
		if (plain.status !== 200) throw new Error(`${t.path} as ${t.as}: ${plain.status}`);
		sizes.push({
			page: t.name,
			'kB plain': +(plain.bytes / 1024).toFixed(1),
			'kB brotli': +(packed.bytes / 1024).toFixed(1),
			encoding: packed.encoding ?? '-',
			queries: plain.queries,
			'1 client server p50 ms': +pct(alone, 50).toFixed(1),
			'p97.5 ms': +pct(alone, 97.5).toFixed(1),
			'CPU ms portal': cpuMs('portal'),
			'CPU ms PostgreSQL': cpuMs('postgres')
		});
	}
	single.destroy();
	console.log(
		`\nOne client (${ALONE} requests per page after 5 warm-up requests; CPU per request):`
	);
	console.table(sizes);

	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
	const stats = new Map(
		mix.map((t) => [
			t.name,
			{ ms: [] as number[], errors: 0, statuses: {} as Record<number, number> }
		])
	);
	let next = 0;
	const until = performance.now() + SECONDS * 1000;
	console.log(`\n${CONNECTIONS} connections over the mix for ${SECONDS} s …`);
	const cpuBefore = cpuSample(portal.child.pid!);
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			while (performance.now() < until) {
				const t = mix[next++ % mix.length];
				const s = stats.get(t.name)!;
				const t0 = performance.now();
				try {
					const a = await get(agent, portal.base + t.path, headersOf(t, ENCODING));
					if (a.status !== 200) {
						s.errors++;
						s.statuses[a.status] = (s.statuses[a.status] ?? 0) + 1;
					} else s.ms.push(performance.now() - t0);
				} catch {
					s.errors++;
				}
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	const cpuAfter = cpuSample(portal.child.pid!);
	agent.destroy();
	const rows = [];
	const all: number[] = [];
	let errors = 0;
	for (const t of mix) {
		const s = stats.get(t.name)!;
		const ms = s.ms.sort((a, b) => a - b);
		all.push(...ms);
		errors += s.errors;
		rows.push({
			page: t.name,
			'req/s': +(ms.length / elapsed).toFixed(1),
			'p50 ms': Math.round(pct(ms, 50)),
			'p97.5 ms': Math.round(pct(ms, 97.5)),
			'p99 ms': Math.round(pct(ms, 99)),
			errors: s.errors,
			...(Object.keys(s.statuses).length ? { statuses: JSON.stringify(s.statuses) } : {})
		});
	}
	all.sort((a, b) => a - b);
	rows.push({
		page: 'ALL',
		'req/s': +(all.length / elapsed).toFixed(1),
		'p50 ms': Math.round(pct(all, 50)),
		'p97.5 ms': Math.round(pct(all, 97.5)),
		'p99 ms': Math.round(pct(all, 99)),
		errors
	});
	console.table(rows);
	const rate = all.length / elapsed;
	const p99 = pct(all, 99);
	console.log(
		`Targets: >= 200 requests/s: ${rate >= 200 ? 'met' : 'NOT met'} (${rate.toFixed(0)}); ` +
			`p99 <= 1 s: ${p99 <= 1000 ? 'met' : 'NOT met'} (${Math.round(p99)} ms); ` +
			`0 errors: ${errors === 0 ? 'met' : 'NOT met'} (${errors}).`
	);
	if (cpuBefore && cpuAfter && all.length) {
		const used = cpuUsed(cpuBefore, cpuAfter);
		const ms = (seconds: number) => (seconds * 1000) / (all.length + errors);
		const of = (k: 'portal' | 'postgres') =>
			`${ms(used[k].user + used[k].system).toFixed(1)} ms (user ${ms(used[k].user).toFixed(1)}, system ${ms(used[k].system).toFixed(1)})`;
		const portalMs = ms(used.portal.user + used.portal.system);
		const postgresMs = ms(used.postgres.user + used.postgres.system);
		console.log(
			`CPU per request: portal ${of('portal')} + PostgreSQL ${of('postgres')} = ` +
				`${(portalMs + postgresMs).toFixed(1)} ms (at most ${Math.round(
					(availableParallelism() * 1000) / (portalMs + postgresMs)
				)} requests/s on ${availableParallelism()} cores).`
		);
	}
	const big = sizes.filter((s) => s['kB plain'] > 100);
	console.log(
		`Page budget 100 kB of HTML: ${big.length ? 'NOT met by ' + big.map((s) => s.page).join(', ') : 'met'}.`
	);
});
