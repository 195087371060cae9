import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { inbox, unreadByChild } from '../../src/lib/server/messages/inbox';
import { receivedNotices } from '../../src/lib/server/messages/notice-read';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

/**
 * The demo seed's conversations and notices (issue 13, "Demo seed"): what a demo user sees in
 * their inbox agrees with the rows (counts, unread marks, read receipts that belong to
 * participants and to messages of their conversation). Other test files add their own
 * conversations (with the demo parent too) and never change the seeded ones, so the checks on
 * every conversation are invariants, and the seeded ones are picked by their titles.
 */
let db: DB;
let close: () => Promise<void>;
let parent: Principal, teacher: Principal, admin: Principal, teacherNtt: Principal;
let qt: number, ntt: number;

const SEEDED = {
	homeroom: 'Xin phép cho cháu nghỉ học thứ Sáu',
	office: 'Hỏi về đăng ký ăn bán trú học kì II',
	otherFamily: 'Mời phụ huynh họp lớp 8A',
	ntt: 'Lịch ôn thi học sinh giỏi tỉnh',
	fieldTrip: 'Tham quan Khu di tích Nghĩa Lộ',
	staffMeeting: 'Họp hội đồng sư phạm tháng 12'
};

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	[parent, teacher, admin, teacherNtt] = await Promise.all(
		[
			'quangtrung.ph@demo.example',
			'quangtrung.gv@demo.example',
			'quangtrung.admin@demo.example',
			'nguyentatthanh.gv@demo.example'
		].map((e) => principalOf(db, e))
	);
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
});
afterAll(() => close());

async function seeded(title: string) {
	const c = await db
		.selectFrom('conversations')
		.selectAll()
		.where('title', '=', title)
		.where('school_id', 'in', [qt, ntt])
		.orderBy('id')
		.executeTakeFirstOrThrow();
	const [messages, participants] = await Promise.all([
		db
			.selectFrom('conversation_messages')
			.select(['id', 'sender_id', 'side', 'created_at'])
			.where('conversation_id', '=', c.id)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('conversation_participants')
			.select(['user_id', 'side', 'last_read_message_id', 'last_read_at'])
			.where('conversation_id', '=', c.id)
			.orderBy('user_id')
			.execute()
	]);
	return { c, messages, participants };
}

describe('demo conversations', () => {
	it('every conversation of the pilot schools is consistent with its messages and receipts', async () => {
		const at = sql`c.school_id in (${qt}, ${ntt})`;
		// a sender is a participant of the conversation, on the side the message says
		const strangers = await sql<{ id: number }>`select m.id from conversation_messages m
			join conversations c on c.id = m.conversation_id
			where ${at} and not exists (select 1 from conversation_participants p
				where p.conversation_id = m.conversation_id and p.user_id = m.sender_id
					and p.side = m.side)`.execute(db);
		expect(strangers.rows).toEqual([]);
		// a read receipt names a message of its own conversation, read after it was written
		const receipts = await sql<{
			user_id: number;
		}>`select p.user_id from conversation_participants p
			join conversations c on c.id = p.conversation_id
			left join conversation_messages m on m.id = p.last_read_message_id
			where ${at} and p.last_read_message_id is not null
				and (m.conversation_id is distinct from p.conversation_id
					or p.last_read_at is null or p.last_read_at < m.created_at)`.execute(db);
		expect(receipts.rows).toEqual([]);
		// the conversation's last message is its newest one
		const lasts = await sql<{ id: number }>`select c.id from conversations c
			where ${at} and (c.last_message_id is distinct from (select max(m.id)
				from conversation_messages m where m.conversation_id = c.id)
				or c.last_message_at <> (select m.created_at from conversation_messages m
					where m.id = c.last_message_id))`.execute(db);
		expect(lasts.rows).toEqual([]);
		// the other side of each conversation is the pupil's family: guardians of that pupil
		const families = await sql<{ user_id: number }>`select p.user_id
			from conversation_participants p join conversations c on c.id = p.conversation_id
			where ${at} and p.side = 'family' and not exists (select 1 from student_guardians sg
				join guardians g on g.id = sg.guardian_id
				where sg.student_id = c.student_id and g.user_id = p.user_id)`.execute(db);
		expect(families.rows).toEqual([]);
	});

	it('the seeded conversations: who wrote, who read what', async () => {
		const home = await seeded(SEEDED.homeroom);
		expect(home.c.kind).toBe('homeroom');
		expect(home.messages.slice(0, 2).map((m) => [m.sender_id, m.side])).toEqual([
			[parent.userId, 'family'],
			[teacher.userId, 'staff']
		]);
		const byUser = new Map(home.participants.map((p) => [p.user_id, p]));
		expect([...byUser.keys()].sort()).toEqual([parent.userId, teacher.userId].sort());
		// the teacher read everything; the parent read up to their own message at least
		expect(byUser.get(teacher.userId)!.last_read_message_id).toBeGreaterThanOrEqual(
			home.messages[1].id
		);
		expect(byUser.get(parent.userId)!.last_read_message_id).toBeGreaterThanOrEqual(
			home.messages[0].id
		);

		const office = await seeded(SEEDED.office);
		expect(office.c).toMatchObject({ kind: 'office', staff_id: null, school_id: qt });
		expect(office.participants.map((p) => [p.user_id, p.side])).toEqual([
			[parent.userId, 'family']
		]);

		const other = await seeded(SEEDED.otherFamily);
		expect(other.messages[0]).toMatchObject({ sender_id: teacher.userId, side: 'staff' });
		expect(other.participants.some((p) => p.user_id === parent.userId)).toBe(false);

		const atNtt = await seeded(SEEDED.ntt);
		expect(atNtt.c.school_id).toBe(ntt);
		expect(atNtt.messages[0]).toMatchObject({ sender_id: teacherNtt.userId, side: 'staff' });
	});

	it('each demo inbox shows its conversations with unread marks that agree with the receipts', async () => {
		for (const [who, view] of [
			[parent, 'family'],
			[teacher, 'staff'],
			[teacherNtt, 'staff'],
			[admin, 'office']
		] as const) {
			const { rows } = await inbox(db, who, view, view === 'office' ? { schoolId: qt } : {});
			const titles = rows.map((r) => r.title);
			const S = SEEDED;
			const [shown, hidden] =
				view === 'family'
					? [
							[S.homeroom, S.office],
							[S.otherFamily, S.ntt]
						]
					: view === 'office'
						? [[S.office], [S.homeroom, S.otherFamily, S.ntt]]
						: who === teacher
							? [
									[S.homeroom, S.otherFamily],
									[S.office, S.ntt]
								]
							: [[S.ntt], [S.homeroom, S.office, S.otherFamily]];
			for (const t of shown) expect(titles, `${view} of ${who.email}`).toContain(t);
			for (const t of hidden) expect(titles, `${view} of ${who.email}`).not.toContain(t);
			// the unread mark is the caller's receipt against the conversation's last message
			const ids = rows.map((r) => r.id);
			const truth = await sql<{ id: number; unread: boolean }>`select c.id,
					c.last_message_id > coalesce(p.last_read_message_id, 0) as unread
				from conversations c left join conversation_participants p
					on p.conversation_id = c.id and p.user_id = ${who.userId}
				where c.id in (${sql.join(ids)})`.execute(db);
			const unread = new Map(truth.rows.map((r) => [r.id, r.unread]));
			for (const r of rows) expect(r.unread, r.title).toBe(unread.get(r.id));
		}
		// the teacher answered the parent last and read it: not unread for the teacher
		const teacherRows = (await inbox(db, teacher, 'staff')).rows;
		const home = await seeded(SEEDED.homeroom);
		if (home.c.last_message_id === home.messages[1].id)
			expect(teacherRows.find((r) => r.id === home.c.id)?.unread).toBe(false);
	});

	it('the parent home’s counts per child are the family inbox’s rows of that child', async () => {
		const { rows } = await inbox(db, parent, 'family');
		const children = await db
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.innerJoin('students as st', 'st.id', 'sg.student_id')
			.select(['st.id', 'st.full_name'])
			.where('g.user_id', '=', parent.userId)
			.execute();
		expect(children.length).toBeGreaterThanOrEqual(2);
		const counts = await unreadByChild(
			db,
			parent,
			children.map((c) => c.id)
		);
		if (rows.length < 50) {
			for (const child of children) {
				const mine = rows.filter((r) => r.studentName === child.full_name);
				const got = counts.get(child.id) ?? { total: 0, unread: 0 };
				expect(got.total, child.full_name).toBe(mine.length);
				expect(got.unread, child.full_name).toBe(mine.filter((r) => r.unread).length);
			}
		}
		const total = [...counts.values()].reduce((n, c) => n + c.total, 0);
		expect(total).toBeGreaterThanOrEqual(2);
	});
});

describe('demo notices', () => {
	const notice = (title: string) =>
		db
			.selectFrom('notices')
			.selectAll()
			.where('title', '=', title)
			.where('school_id', '=', qt)
			.orderBy('id')
			.executeTakeFirstOrThrow();

	it('the field trip reached the school’s families, counted once each, never staff alone', async () => {
		const n = await notice(SEEDED.fieldTrip);
		expect(n).toMatchObject({
			audience: 'families',
			target_kind: 'school',
			requires_confirmation: true
		});
		const rows = await db
			.selectFrom('notice_recipients')
			.select(['user_id', 'read_at', 'confirmed_at'])
			.where('notice_id', '=', n.id)
			.execute();
		expect(rows.length).toBe(n.recipient_count);
		expect(new Set(rows.map((r) => r.user_id)).size).toBe(rows.length);
		expect(rows.map((r) => r.user_id)).toContain(parent.userId);
		expect(rows.map((r) => r.user_id)).not.toContain(teacher.userId);
		// every recipient is a guardian (with an account) of a pupil of the school
		const outsiders = await sql<{ user_id: number }>`select r.user_id from notice_recipients r
			where r.notice_id = ${n.id} and not exists (select 1 from guardians g
				join student_guardians sg on sg.guardian_id = g.id
				join students st on st.id = sg.student_id
				where g.user_id = r.user_id and st.school_id = ${qt})`.execute(db);
		expect(outsiders.rows).toEqual([]);
		// a confirmation implies a read
		expect(rows.filter((r) => r.confirmed_at && !r.read_at)).toEqual([]);
		const received = await receivedNotices(db, parent, 'families');
		const mine = received.find((r) => r.id === n.id)!;
		const row = rows.find((r) => r.user_id === parent.userId)!;
		expect(mine).toMatchObject({ title: SEEDED.fieldTrip, requiresConfirmation: true });
		expect(mine.readAt).toEqual(row.read_at);
		expect(mine.confirmedAt).toEqual(row.confirmed_at);
		expect(received.some((r) => r.title === SEEDED.staffMeeting)).toBe(false);
	});

	it('the staff meeting reached the school’s staff only', async () => {
		const n = await notice(SEEDED.staffMeeting);
		expect(n).toMatchObject({
			audience: 'staff',
			target_kind: 'staff',
			requires_confirmation: false
		});
		const rows = await db
			.selectFrom('notice_recipients')
			.select('user_id')
			.where('notice_id', '=', n.id)
			.execute();
		expect(rows.length).toBe(n.recipient_count);
		const ids = rows.map((r) => r.user_id);
		expect(ids).toContain(teacher.userId);
		expect(ids).not.toContain(parent.userId);
		expect(ids).not.toContain(teacherNtt.userId);
		const outsiders = await sql<{ user_id: number }>`select r.user_id from notice_recipients r
			where r.notice_id = ${n.id} and not exists (
				select 1 from staff s where s.user_id = r.user_id and s.school_id = ${qt}
				union all select 1 from role_assignments ra
				where ra.user_id = r.user_id and ra.school_id = ${qt})`.execute(db);
		expect(outsiders.rows).toEqual([]);
		const received = await receivedNotices(db, teacher, 'staff');
		expect(received.map((r) => r.title)).toContain(SEEDED.staffMeeting);
		expect(await receivedNotices(db, teacherNtt, 'staff')).not.toContainEqual(
			expect.objectContaining({ id: n.id })
		);
	});
});
