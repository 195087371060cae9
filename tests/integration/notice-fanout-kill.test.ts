import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { connectTestDb } from '../helpers/context';
import { createTestSchool } from '../helpers/rollout';

/**
 * Issue 13, "kill -9 in the middle of a fan-out loses and duplicates nothing". A notice is written
 * once and fanned out (recipients, outbox e-mails, delivery job) in one transaction by
 * `sendNotice`. A child process sends notices to the 300 staff accounts of a school of the test;
 * another is killed with SIGKILL while its fan-out is inside the transaction (held there by a lock
 * the test takes on `delivery_outbox`). Afterwards every notice the children reported sent is
 * complete (300 recipients, 300 e-mails, one job), and the killed one left nothing: no notice, no
 * recipient row, no e-mail, no job, so nothing is half delivered and nothing is sent twice.
 */
const STAFF = 300;
let db: DB;
let close: () => Promise<void>;
let dir: string;
let school: Awaited<ReturnType<typeof createTestSchool>>;
const title = `Họp hội đồng ${process.pid}-${Date.now()}`;

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	dir = mkdtempSync(path.join(tmpdir(), 'trs-fanout-'));
	school = await createTestSchool(db);
	const tag = `${school.schoolId}-${Date.now()}`;
	await sql`with u as (
			insert into users (email, name)
			select 'fanout' || g || '.' || ${tag} || '@test.example', 'Giáo viên ' || g
			from generate_series(1, ${STAFF}::int) g returning id, name)
		insert into staff (school_id, code, full_name, user_id)
		select ${school.schoolId}::int, 'F' || u.id, u.name, u.id from u`.execute(db);
	await sql`insert into notification_preferences (user_id, email_kinds)
		select user_id, array['notice'] from staff
		where school_id = ${school.schoolId} and user_id is not null
		on conflict (user_id) do update set email_kinds = excluded.email_kinds`.execute(db);
});
afterAll(async () => {
	await close();
	rmSync(dir, { recursive: true, force: true });
});

function child(count: number, file: string) {
	return spawn(
		'npx',
		[
			'tsx',
			'tests/helpers/fanout-child.ts',
			inject('databaseUrl'),
			String(school.schoolId),
			school.admin.email!,
			title,
			String(count),
			file
		],
		{ stdio: 'ignore', env: { ...process.env, SMTP_URL: 'log' } }
	);
}

const exited = (c: ReturnType<typeof child>) =>
	new Promise((resolve) =>
		c.exitCode !== null || c.signalCode !== null ? resolve(c.exitCode) : c.once('exit', resolve)
	);
const recorded = (file: string) =>
	existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each notice of the test's title with its recipients, e-mails and delivery jobs. */
async function fannedOut() {
	const { rows } = await sql<{ id: number; recipients: number; emails: number; jobs: number }>`
		select n.id,
			(select count(*)::int from notice_recipients r where r.notice_id = n.id) as recipients,
			(select count(*)::int from delivery_outbox o where o.batch_key = 'notice:' || n.id) as emails,
			(select count(*)::int from jobs j where j.key = 'notice:' || n.id) as jobs
		from notices n where n.school_id = ${school.schoolId} and n.title = ${title}
		order by n.id`.execute(db);
	return rows;
}

describe('kill -9 during a fan-out', () => {
	it('leaves every sent notice complete and the killed one absent', async () => {
		const done = path.join(dir, 'done.txt');
		expect(await exited(child(2, done))).toBe(0);
		const sent = recorded(done);
		expect(sent).toHaveLength(2);

		// Hold the next fan-out inside its transaction: the e-mails' table is locked by the test.
		const holder = connectTestDb(1);
		const killedFile = path.join(dir, 'killed.txt');
		let killed: ReturnType<typeof child> | undefined;
		try {
			await holder.db.transaction().execute(async (trx) => {
				await sql`lock table delivery_outbox in access exclusive mode`.execute(trx);
				killed = child(1, killedFile);
				if (inject('databaseKind') === 'postgres') {
					// wait until its transaction has written the notice and waits on the lock
					for (let i = 0; ; i++) {
						const { rows } = await sql<{ n: number }>`select count(*)::int as n
							from pg_locks l join pg_class c on c.oid = l.relation
							where c.relname = 'delivery_outbox' and not l.granted`.execute(trx);
						if (rows[0].n > 0) break;
						expect(killed.exitCode, 'the child ended early').toBeNull();
						expect(i, 'the child never reached the e-mails').toBeLessThan(600);
						await pause(100);
					}
				} else await pause(3000); // the embedded database runs one transaction at a time
				killed.kill('SIGKILL');
				await exited(killed);
			});
		} finally {
			killed?.kill('SIGKILL');
			await holder.close();
		}
		expect(recorded(killedFile)).toEqual([]);

		const rows = await fannedOut();
		expect(rows.map((r) => r.id)).toEqual(sent);
		for (const r of rows) expect(r).toMatchObject({ recipients: STAFF, emails: STAFF, jobs: 1 });
		// nothing of the killed fan-out: no recipient or e-mail row of a notice that is not there
		const { rows: orphans } = await sql<{
			n: number;
		}>`select count(*)::int as n from delivery_outbox o
			where o.batch_key like 'notice:%' and o.user_id in (select user_id from staff
				where school_id = ${school.schoolId})
			and not exists (select 1 from notices n where 'notice:' || n.id = o.batch_key)`.execute(db);
		expect(orphans[0].n).toBe(0);
	}, 180_000);
});
