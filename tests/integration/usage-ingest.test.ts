import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { todayIso } from '../../src/lib/dates';
import { ingestApiEvents } from '../../src/lib/server/usage/api';
import { validateApiToken } from '../../src/lib/server/usage/tokens';
import { revokeSchoolToken } from '../../src/lib/server/usage/tokens';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import {
	createTestToken,
	dailySessions,
	platformId,
	runId,
	summaryTotals,
	teacherEmails,
	userId
} from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let lms: number;
let qtTeachers: string[];
let nttTeachers: string[];
let adminQt: number;
const when = new Date(Date.now() - 2 * 3600_000);
const day = todayIso(when);

beforeAll(async () => {
	({ db, close } = connectTestDb(6));
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	lms = await platformId(db, 'lms');
	qtTeachers = await teacherEmails(db, qt);
	nttTeachers = await teacherEmails(db, ntt);
	adminQt = await userId(db, 'quangtrung.admin@demo.example');
});
afterAll(() => close());

const event = (id: string, teacherEmail: string, extra: Record<string, unknown> = {}) => ({
	id,
	platform: 'lms',
	teacherEmail,
	occurredAt: when.toISOString(),
	durationMinutes: 45,
	...extra
});

async function countEvents(tokenId: number) {
	const row = await db
		.selectFrom('usage_events')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('token_id', '=', tokenId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('idempotency', () => {
	it('stores a batch sent twice only once and counts the second as duplicates', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const run = runId();
		const body = { events: qtTeachers.slice(0, 3).map((t, i) => event(`${run}-${i}`, t)) };
		const first = await ingestApiEvents(db, scope, body);
		expect(first).toEqual({ status: 200, body: { accepted: 3, duplicates: 0, rejected: [] } });
		const second = await ingestApiEvents(db, scope, body);
		expect(second).toEqual({ status: 200, body: { accepted: 0, duplicates: 3, rejected: [] } });
		expect(await countEvents(scope.tokenId)).toBe(3);
	});

	it('stores each event once when the same batch arrives concurrently', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt, platformId: lms }, adminQt);
		const run = runId();
		const body = {
			events: Array.from({ length: 60 }, (_, i) =>
				event(`${run}-${i}`, qtTeachers[i % qtTeachers.length])
			)
		};
		const before = await summaryTotals(db, qt, lms);
		const answers = await Promise.all([1, 2, 3, 4].map(() => ingestApiEvents(db, scope, body)));
		const accepted = answers.reduce((s, a) => s + ('accepted' in a.body ? a.body.accepted : 0), 0);
		const duplicates = answers.reduce(
			(s, a) => s + ('duplicates' in a.body ? a.body.duplicates : 0),
			0
		);
		expect(accepted).toBe(60);
		expect(duplicates).toBe(180);
		expect(await countEvents(scope.tokenId)).toBe(60);
		const after = await summaryTotals(db, qt, lms);
		// other tests may add usage of their own meanwhile: at least ours, counted once each
		expect(after.daily - before.daily).toBeGreaterThanOrEqual(60);
		expect(after.daily - before.daily).toBeLessThan(120);
	});

	it('counts an id repeated inside one batch as a duplicate', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const id = `${runId()}-x`;
		const answer = await ingestApiEvents(db, scope, {
			events: [event(id, qtTeachers[0]), event(id, qtTeachers[1])]
		});
		expect(answer.body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
	});
});

describe('partial acceptance', () => {
	it('keeps the valid events of a batch and names what is wrong with the others', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const run = runId();
		const future = new Date(Date.now() + 3 * 3600_000).toISOString();
		const answer = await ingestApiEvents(db, scope, {
			events: [
				event(`${run}-ok`, qtTeachers[0]),
				event(`${run}-mail`, 'not-an-email'),
				event(`${run}-platform`, qtTeachers[1], { platform: 'no-such-platform' }),
				event(`${run}-future`, qtTeachers[2], { occurredAt: future }),
				{ id: `${run}-empty` },
				'not an object',
				event(`${run}-ok2`, qtTeachers[3], { className: 'Lớp 8A', students: 41 })
			]
		});
		expect(answer.status).toBe(200);
		if (answer.status !== 200) return;
		expect(answer.body.accepted).toBe(2);
		expect(answer.body.duplicates).toBe(0);
		expect(answer.body.rejected).toEqual([
			{ index: 1, errors: ['teacherEmail: invalid_email'] },
			{ index: 2, errors: ['platform: unknown_platform'] },
			{ index: 3, errors: ['occurredAt: in_future'] },
			{
				index: 4,
				errors: ['platform: required', 'teacherEmail: required', 'occurredAt: required']
			},
			{ index: 5, errors: ['event: invalid'] }
		]);
		const stored = await db
			.selectFrom('usage_events')
			.innerJoin('classes', (j) =>
				j.on((eb) => eb('classes.id', '=', eb.fn.any('usage_events.class_ids')))
			)
			.select(['classes.name', 'usage_events.students'])
			.where('usage_events.source_event_id', '=', `${run}-ok2`)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ name: '8A', students: 41 });
	});

	it('keeps the valid events of a batch when one carries NUL or control characters (issue 8, item 4)', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const run = runId();
		const answer = await ingestApiEvents(db, scope, {
			events: [
				event(`${run}-a`, qtTeachers[0]),
				event(`${run}-\u0000`, qtTeachers[1]),
				event(`${run}-c`, qtTeachers[2], { className: 'Lớp\u00008A' }),
				event(`${run}-d`, `x\u0000${qtTeachers[3]}`),
				event(`${run}-e`, qtTeachers[3], { platform: 'lms\u0007' })
			]
		});
		expect(answer.status).toBe(200);
		if (answer.status !== 200) return;
		expect(answer.body.accepted).toBe(1);
		expect(answer.body.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
		expect(await countEvents(scope.tokenId)).toBe(1);
	});

	it('answers 413 above 1000 events and 400 without an events array', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const many = Array.from({ length: 1001 }, (_, i) => event(`big-${i}`, qtTeachers[0]));
		expect(await ingestApiEvents(db, scope, { events: many })).toMatchObject({ status: 413 });
		expect(await ingestApiEvents(db, scope, { event: [] })).toMatchObject({ status: 400 });
		expect(await countEvents(scope.tokenId)).toBe(0);
	});
});

describe('token scope', () => {
	it('does not let a school token write for another school', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const answer = await ingestApiEvents(db, scope, { events: [event(runId(), nttTeachers[0])] });
		expect(answer.body).toEqual({
			accepted: 0,
			duplicates: 0,
			rejected: [{ index: 0, errors: ['teacherEmail: unknown_teacher'] }]
		});
		expect(await countEvents(scope.tokenId)).toBe(0);
	});

	it('does not let a platform token write another platform', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt, platformId: lms }, adminQt);
		const answer = await ingestApiEvents(db, scope, {
			events: [event(runId(), qtTeachers[0], { platform: 'digital-library' })]
		});
		expect(answer.body).toMatchObject({
			accepted: 0,
			rejected: [{ index: 0, errors: ['platform: platform_out_of_scope'] }]
		});
	});

	it('lets a department token write its platform at every school of the department', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const departmentId = dept.roles[0].departmentId!;
		const { scope } = await createTestToken(db, { departmentId, platformId: lms }, dept.userId);
		const run = runId();
		const answer = await ingestApiEvents(db, scope, {
			events: [
				event(`${run}-qt`, qtTeachers[0]),
				event(`${run}-ntt`, nttTeachers[0]),
				event(`${run}-other`, nttTeachers[0], { platform: 'e-gradebook' })
			]
		});
		expect(answer.body).toMatchObject({ accepted: 2, rejected: [{ index: 2 }] });
		const schools = await db
			.selectFrom('usage_events')
			.select('school_id')
			.where('token_id', '=', scope.tokenId)
			.orderBy('school_id')
			.execute();
		expect(schools.map((s) => s.school_id).sort()).toEqual([qt, ntt].sort());
	});

	it('finds teachers by the staff record’s or the account’s e-mail in any case, never an inactive one, and names an address two schools share', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const departmentId = dept.roles[0].departmentId!;
		const { scope } = await createTestToken(db, { departmentId, platformId: lms }, dept.userId);
		const run = runId();
		const account = await db
			.insertInto('users')
			.values({ name: 'Lò Văn Tài', email: `Acct-${run}@Example.test` })
			.returning('id')
			.executeTakeFirstOrThrow();
		const staff = (values: {
			school_id: number;
			email?: string;
			active?: boolean;
			user_id?: number;
		}) =>
			db
				.insertInto('staff')
				.values({
					code: `M${run}-${Math.random().toString(36).slice(2, 8)}`,
					full_name: 'Lò Văn Tài',
					...values
				})
				.returning('id')
				.executeTakeFirstOrThrow();
		const byAccount = await staff({ school_id: qt, user_id: account.id });
		const byRecord = await staff({ school_id: ntt, email: `Rec-${run}@Example.test` });
		await staff({ school_id: qt, email: `gone-${run}@example.test`, active: false });
		await staff({ school_id: qt, email: `both-${run}@example.test` });
		await staff({ school_id: ntt, email: `both-${run}@example.test` });
		const answer = await ingestApiEvents(db, scope, {
			events: [
				event(`${run}-acct`, `acct-${run}@example.test`),
				event(`${run}-rec`, `REC-${run}@example.TEST`),
				event(`${run}-gone`, `gone-${run}@example.test`),
				event(`${run}-both`, `both-${run}@example.test`)
			]
		});
		expect(answer.body).toEqual({
			accepted: 2,
			duplicates: 0,
			rejected: [
				{ index: 2, errors: ['teacherEmail: unknown_teacher'] },
				{ index: 3, errors: ['teacherEmail: ambiguous_teacher'] }
			]
		});
		const stored = await db
			.selectFrom('usage_events')
			.select(['source_event_id', 'staff_id', 'school_id'])
			.where('token_id', '=', scope.tokenId)
			.orderBy('source_event_id')
			.execute();
		expect(stored).toEqual([
			{ source_event_id: `${run}-acct`, staff_id: byAccount.id, school_id: qt },
			{ source_event_id: `${run}-rec`, staff_id: byRecord.id, school_id: ntt }
		]);
	});

	it('refuses a revoked token', async () => {
		const { token, scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		expect(await validateApiToken(db, token)).toEqual(scope);
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		await revokeSchoolToken(db, admin, qt, scope.tokenId);
		expect(await validateApiToken(db, token)).toBeNull();
		expect(await validateApiToken(db, `${token}x`)).toBeNull();
	});

	it('lets only the school’s admin revoke its tokens', async () => {
		const { scope } = await createTestToken(db, { schoolId: qt }, adminQt);
		const other = await principalOf(db, 'nguyentatthanh.admin@demo.example');
		await expect(revokeSchoolToken(db, other, qt, scope.tokenId)).rejects.toMatchObject({
			status: 404
		});
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		await expect(revokeSchoolToken(db, teacher, qt, scope.tokenId)).rejects.toMatchObject({
			status: 404
		});
	});
});

describe('summaries', () => {
	it('are up to date as soon as the events are accepted', async () => {
		const { scope } = await createTestToken(db, { schoolId: ntt }, adminQt);
		const library = await platformId(db, 'digital-library');
		const teacher = nttTeachers[nttTeachers.length - 1];
		const staff = await db
			.selectFrom('staff')
			.select('id')
			.where('email', '=', teacher)
			.executeTakeFirstOrThrow();
		const before = await summaryTotals(db, ntt, library);
		const beforeDay = await dailySessions(db, ntt, library, day);
		const run = runId();
		await ingestApiEvents(db, scope, {
			events: [
				event(`${run}-1`, teacher, { platform: 'digital-library', className: '11 Toán' }),
				event(`${run}-2`, teacher, { platform: 'digital-library', durationMinutes: 30 })
			]
		});
		const after = await summaryTotals(db, ntt, library);
		expect(after.daily - before.daily).toBeGreaterThanOrEqual(2);
		expect(after.minutes - before.minutes).toBeGreaterThanOrEqual(75);
		expect(after.teacher_days - before.teacher_days).toBe(after.daily - before.daily);
		expect(after.weekly - before.weekly).toBe(after.daily - before.daily);
		expect(after.weekly_teacher - before.weekly_teacher).toBe(after.daily - before.daily);
		expect(after.classes - before.classes).toBeGreaterThanOrEqual(1);
		expect(await dailySessions(db, ntt, library, day)).toBeGreaterThanOrEqual(beforeDay + 2);
		const last = await db
			.selectFrom('usage_teacher_platform')
			.select('last_on')
			.where('school_id', '=', ntt)
			.where('platform_id', '=', library)
			.where('staff_id', '=', staff.id)
			.executeTakeFirstOrThrow();
		expect(last.last_on >= day).toBe(true);
		const week = await db
			.selectFrom('usage_weekly')
			.select('active_teachers')
			.where('school_id', '=', ntt)
			.where('platform_id', '=', library)
			.orderBy('week', 'desc')
			.executeTakeFirstOrThrow();
		expect(week.active_teachers).toBeGreaterThanOrEqual(1);
	});
});
