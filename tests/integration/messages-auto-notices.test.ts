import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { recordEvent } from '../../src/lib/server/events';
import { AUTO_NOTICE_KINDS, type AutoNoticeKind } from '../../src/lib/server/messages/auto-kinds';
import { processEvents, SETTLE_MS } from '../../src/lib/server/messages/notify';
import { ownNotifications } from '../../src/lib/server/messages/notifications';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let quangTrung: number;
beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	quangTrung = await schoolIdByName(db, QUANG_TRUNG);
});
afterAll(() => close());

const later = () => new Date(Date.now() + SETTLE_MS + 1000);
const record = (event: Parameters<typeof recordEvent>[1]) =>
	db.transaction().execute((trx) => recordEvent(trx, event));
const noticesOf = async (eventId: number) =>
	db.selectFrom('notifications').selectAll().where('event_id', '=', eventId).execute();

describe('automatic notices from domain events', () => {
	it('tell the school’s admins that a checklist was returned, once however often it is processed', async () => {
		const eventId = await record({
			module: 'rollout',
			kind: 'checklist_returned',
			subjectType: 'checklist',
			subjectId: 77,
			schoolId: quangTrung,
			payload: { checklist: 'Trường học số', reason: 'Thiếu minh chứng' }
		});
		const job = await db
			.selectFrom('jobs')
			.select(['kind', 'status'])
			.where('key', '=', `event:${eventId}`)
			.executeTakeFirstOrThrow();
		expect(job).toMatchObject({ kind: 'messages.notify', status: 'queued' });

		// Two processors at once, then again: each admin is told exactly once.
		await Promise.all([processEvents(db, AUTO_NOTICE_KINDS, later()), processEvents(db)]);
		await processEvents(db, AUTO_NOTICE_KINDS, later());
		const rows = await noticesOf(eventId);
		const { rows: admins } = await sql<{ user_id: number }>`select user_id from role_assignments
			where role = 'school_admin' and school_id = ${quangTrung}`.execute(db);
		expect(rows.map((r) => r.user_id).sort()).toEqual(admins.map((a) => a.user_id).sort());
		expect(rows[0]).toMatchObject({
			kind: 'rollout.checklist_returned',
			link: `/schools/${quangTrung}/checklist/77`
		});
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const mine = await ownNotifications(db, admin, { schoolId: quangTrung });
		const text = mine.find((n) => rows.some((r) => r.id === n.id))!.text;
		expect(text).toContain('Trường học số');
		expect(text).toContain('Thiếu minh chứng');
	});

	it('have vi and en templates and a link for every registered kind', () => {
		expect(Object.keys(AUTO_NOTICE_KINDS).sort()).toEqual([
			'attendance.absent',
			'grades.published',
			'leave.answered',
			'rollout.checklist_returned',
			'timetable.cover_assigned',
			'timetable.published'
		]);
		for (const [name, kind] of Object.entries(AUTO_NOTICE_KINDS)) {
			const text = kind.text({
				checklist: 'X',
				reason: 'Y',
				subject: 'Toán',
				className: '8A',
				from: '01/12/2026',
				pupil: 'An',
				day: '01/12/2026',
				answer: 'đồng ý',
				period: '2',
				absent: 'Thầy B'
			});
			expect(text, name).not.toMatch(/[{}]/);
			expect(text.length, name).toBeGreaterThan(10);
		}
	});

	it('turn an event of a family’s child into a notice for its guardians (attendance.absent)', async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const child = await db
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.select('sg.student_id')
			.where('g.user_id', '=', parent.userId)
			.executeTakeFirstOrThrow();
		const eventId = await record({
			module: 'attendance',
			kind: 'absent',
			subjectType: 'student',
			subjectId: child.student_id,
			schoolId: quangTrung,
			payload: { pupil: 'Em A', day: '05/12/2026' }
		});
		await processEvents(db, AUTO_NOTICE_KINDS, later());
		const rows = await noticesOf(eventId);
		expect(rows.map((r) => r.user_id)).toContain(parent.userId);
		const { rows: staff } = await sql<{ n: number }>`select count(*)::int as n from notifications n
			join staff s on s.user_id = n.user_id where n.event_id = ${eventId}`.execute(db);
		expect(staff[0].n).toBe(0);
	});

	it('a new kind is one entry in the registry; events of unknown kinds are passed over', async () => {
		const module = `test${Math.random().toString(36).slice(2, 8)}`;
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const kind: AutoNoticeKind = {
			recipients: () => sql`select ${parent.userId}::int as user_id`,
			params: (e) => ({ n: String(e.subject_id) }),
			link: () => '/parent',
			text: (p) => `thử ${p.n}`
		};
		const unknown = await record({ module, kind: 'other', subjectType: 'x', subjectId: 1 });
		const known = await record({ module, kind: 'happened', subjectType: 'x', subjectId: 42 });
		await processEvents(db, { ...AUTO_NOTICE_KINDS, [`${module}.happened`]: kind }, later());
		expect(await noticesOf(unknown)).toEqual([]);
		const [row] = await noticesOf(known);
		expect(row).toMatchObject({ user_id: parent.userId, params: { n: '42' } });
	});
});
