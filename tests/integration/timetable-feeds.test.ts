import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { classWhere } from '../../src/lib/server/auth/access/classes';
import {
	createFeed,
	FEED_TOKEN,
	feedCreatedAt,
	feedPrincipal,
	revokeFeed
} from '../../src/lib/server/timetable/feeds';
import { classCalendar, teacherCalendar } from '../../src/lib/server/timetable/feed-calendar';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

/**
 * The private calendar links: made, remade (the old secret stops working) and revoked, stored
 * hashed; the teacher's feed with the periods they cover; a class's feed within the link owner's
 * scope only (a parent: their child's class).
 */
let db: DB;
let close: () => Promise<void>;
let cover: { day: string; staff_id: number | null; absent_staff_id: number; class_id: number };
let substitute: Principal;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	const qt = await schoolIdByName(db, QUANG_TRUNG);
	cover = await db
		.selectFrom('timetable_covers as c')
		.innerJoin('staff as s', 's.id', 'c.staff_id')
		.select(['c.day', 'c.staff_id', 'c.absent_staff_id', 'c.class_id'])
		.where('c.school_id', '=', qt)
		.where('c.kind', '=', 'substitute')
		.where('s.user_id', 'is not', null)
		.orderBy('c.day', 'desc')
		.executeTakeFirstOrThrow();
	const user = await db
		.selectFrom('staff as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select('u.email')
		.where('s.id', '=', cover.staff_id!)
		.executeTakeFirstOrThrow();
	substitute = await principalOf(db, user.email!);
});
afterAll(() => close());

const actor = (p: Principal) => ({ principal: p, requestId: 'feeds-test' });

describe('calendar links', () => {
	it('stores only a hash, and a new link replaces the old one; revoking ends it', async () => {
		const first = await createFeed(db, actor(substitute));
		expect(first).toMatch(FEED_TOKEN);
		const row = await db
			.selectFrom('timetable_feeds')
			.selectAll()
			.where('user_id', '=', substitute.userId)
			.executeTakeFirstOrThrow();
		expect(row.token_hash).not.toContain(first.slice(4));
		expect((await feedPrincipal(db, first))?.userId).toBe(substitute.userId);
		const second = await createFeed(db, actor(substitute));
		expect(second).not.toBe(first);
		expect(await feedPrincipal(db, first)).toBeNull();
		expect((await feedPrincipal(db, `${second}`))?.userId).toBe(substitute.userId);
		expect(await feedCreatedAt(db, substitute.userId)).toBeInstanceOf(Date);
		expect(await revokeFeed(db, actor(substitute))).toBe(true);
		expect(await revokeFeed(db, actor(substitute))).toBe(false);
		expect(await feedPrincipal(db, second)).toBeNull();
		expect(await feedCreatedAt(db, substitute.userId)).toBeNull();
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('request_id', '=', 'feeds-test')
			.where('actor_user_id', '=', substitute.userId)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['timetable.feed_created', 'timetable.feed_revoked'])
		);
	});

	it('makes two links at once without a 500: the later one stands', async () => {
		const [a, b] = await Promise.all([
			createFeed(db, actor(substitute)),
			createFeed(db, actor(substitute))
		]);
		const valid = [await feedPrincipal(db, a), await feedPrincipal(db, b)].filter(Boolean);
		expect(valid).toHaveLength(1);
		await revokeFeed(db, actor(substitute));
	});

	it('refuses secrets of the wrong shape without a query', async () => {
		for (const t of [
			'',
			'ttf_',
			`ttf_${'a'.repeat(31)}`,
			`ttf_${'A'.repeat(32)}`,
			'x'.repeat(100_000),
			`ttf_${'a'.repeat(31)}\u0000`
		])
			expect(await feedPrincipal(db, t)).toBeNull();
	});

	it("gives the substitute's calendar with the period they cover", async () => {
		const text = await teacherCalendar(db, substitute, cover.day);
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		const events = text.split('BEGIN:VEVENT').length - 1;
		expect(events).toBeGreaterThan(5);
		const covered = text
			.split('BEGIN:VEVENT')
			.filter((e) => e.includes(`UID:t${cover.staff_id}-${cover.day}-`))
			.filter((e) => e.includes(`-c${cover.class_id}@`));
		expect(covered.length).toBeGreaterThan(0);
		expect(covered[0]).toMatch(/DESCRIPTION:/);
	});

	it("gives a class's calendar within the owner's scope only", async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const own = await db
			.selectFrom('classes')
			.select(['id', 'name'])
			.where(classWhere(parent, 'student.family'))
			.orderBy('id')
			.execute();
		const text = await classCalendar(db, parent, own[0].id);
		expect(text).toContain(`X-WR-CALNAME:`);
		expect(text).toContain(own[0].name);
		expect(text).toContain('BEGIN:VEVENT');
		const other = await db
			.selectFrom('classes')
			.select('id')
			.where(
				'id',
				'not in',
				own.map((c) => c.id)
			)
			.executeTakeFirstOrThrow();
		const refused = await classCalendar(db, parent, other.id).then(
			() => 200,
			(err) => (isHttpError(err) ? err.status : 500)
		);
		expect(refused).toBe(404);
		const missing = await classCalendar(db, parent, 2_147_483_647).then(
			() => 200,
			(err) => (isHttpError(err) ? err.status : 500)
		);
		expect(missing).toBe(404);
	});
});
