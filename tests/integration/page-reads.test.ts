import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { loadSessionUser } from '../../src/lib/server/org/session-user';
import {
	findLastEntry,
	listOwnEntries,
	loggingContext,
	personalFigures
} from '../../src/lib/server/usage/teacher';
import { todayIso } from '../../src/lib/dates';
import { ADOPTION_DAYS, RECENT_DAYS, windowStart } from '../../src/lib/usage/adoption';
import { connectTestDb, principalOf } from '../helpers/context';

/**
 * The fast paths of the pages opened most (issue 10) read the same as the plain ones: the session
 * with its roles and their scopes' names in one query; the teacher's figures and entries by the
 * staff ids already read instead of by the principal's subquery; the figures in one statement.
 */
let db: DB;
let close: () => Promise<void>;

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('the session query', () => {
	it('reads the roles and their scopes’ names as the separate queries do', async () => {
		for (const email of [
			'so@demo.example',
			'vanyen@demo.example',
			'quangtrung.admin@demo.example',
			'quangtrung.gv@demo.example',
			'quangtrung.ph@demo.example'
		]) {
			const plain = await principalOf(db, email);
			const token = generateSessionToken();
			const session = await createSession(db, token, plain.userId, { days: 30 });
			try {
				const read = await validateSessionToken(db, token, 30);
				expect(read?.principal.roles, email).toEqual(plain.roles);
				expect(read?.principal.scopeNames, email).toHaveLength(plain.roles.length);
				// the layout's user: no query with the names read, the same as looked up without them
				const looked = await loadSessionUser(db, plain);
				expect(await loadSessionUser(db, read!.principal), email).toEqual({
					...looked,
					phone: read!.principal.phone
				});
				const scoped = looked.roles.filter((r) => r.schoolId || r.areaId || r.departmentId);
				// (a parent's role has no school, area or department)
				if (!email.includes('.ph@')) expect(scoped.length, email).toBeGreaterThan(0);
				expect(
					scoped.every((r) => r.scopeName),
					email
				).toBe(true);
			} finally {
				await invalidateSession(db, session.id);
			}
		}
	});
});

describe('the teacher’s usage page reads', () => {
	it('gives the same figures and entries by staff ids as by the principal', async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const own = { staffIds: (await loggingContext(db, teacher)).map((s) => s.staffId) };
		expect(own.staffIds.length).toBeGreaterThan(0);
		const now = new Date();
		expect(await personalFigures(db, own, now)).toEqual(await personalFigures(db, teacher, now));
		const byPrincipal = await listOwnEntries(db, teacher, { pageSize: 5 }, now);
		const byIds = await listOwnEntries(db, own, { pageSize: 5, count: false }, now);
		expect(byIds.rows).toEqual(byPrincipal.rows);
		expect(byPrincipal.total).toBeGreaterThan(byIds.rows.length - 1);
		expect(await findLastEntry(db, own)).toEqual(await findLastEntry(db, teacher));
		// another teacher's ids are another teacher's rows: nothing of this one
		expect((await listOwnEntries(db, { staffIds: [] }, {}, now)).rows).toEqual([]);
	});

	it('adds up the daily summaries: per platform, totals and distinct days', async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const now = new Date();
		const today = todayIso(now);
		const from7 = windowStart(today, RECENT_DAYS);
		const from30 = windowStart(today, ADOPTION_DAYS);
		const figures = await personalFigures(db, teacher, now);
		const rows = await db
			.selectFrom('usage_daily_teacher as d')
			.innerJoin('staff as s', 's.id', 'd.staff_id')
			.select(['d.platform_id', 'd.day', 'd.sessions', 'd.minutes'])
			.where('s.user_id', '=', teacher.userId)
			.where('s.active', '=', true)
			.where('d.day', '>=', from30)
			.where('d.day', '<=', today)
			.execute();
		expect(rows.length).toBeGreaterThan(0);
		const sum = (xs: typeof rows, k: 'sessions' | 'minutes') =>
			xs.reduce((t, r) => t + Number(r[k]), 0);
		expect(figures.sessions30).toBe(sum(rows, 'sessions'));
		expect(figures.minutes30).toBe(sum(rows, 'minutes'));
		expect(figures.sessions7).toBe(
			sum(
				rows.filter((r) => r.day >= from7),
				'sessions'
			)
		);
		expect(figures.days30).toBe(new Set(rows.map((r) => r.day)).size);
		expect(figures.platforms.reduce((t, p) => t + p.sessions30, 0)).toBe(figures.sessions30);
		for (const p of figures.platforms) {
			const mine = rows.filter((r) => r.platform_id === p.id);
			expect(p.sessions30, p.name_vi).toBe(sum(mine, 'sessions'));
		}
	});

	it('has an index for the teacher’s figures (no scan of every teacher’s days)', async () => {
		const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
			where tablename = 'usage_daily_teacher'`.execute(db);
		expect(rows.some((r) => /\(staff_id, day\)/.test(r.indexdef))).toBe(true);
	});
});
