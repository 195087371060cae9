import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ConversationKind, ConversationSide } from '../db/tables/messages';
import { insertNotice } from '../messages/notices';
import type { SeedContext } from './index';

/**
 * Demo conversations (issue 13) at the pilot schools: the demo parent with the homeroom teacher of
 * 8A (answered and read both ways) and with the school office (unread there); the demo teacher
 * with another family of 8A; the Nguyễn Tất Thành homeroom teacher with a family of 11 Toán. The
 * other families get an account without a password (invited, not yet activated), so the
 * authorization matrix can show that nobody outside a conversation reads it. Two notices at Quang
 * Trung: a field trip asking the families to confirm, and a staff meeting for the staff only. Plain inserts and
 * relative imports: `npm run db:seed` runs without the $lib alias.
 */
type Db = Kysely<Database>;
const DAY = 86_400_000;
/** A fixed "now" for the demo's message times, so the seed is deterministic. */
const BASE = Date.UTC(2026, 10, 24, 1, 30);

interface SeedMessage {
	from: number;
	side: ConversationSide;
	body: string;
	minutes: number;
}

async function seedConversation(
	db: Db,
	c: {
		schoolId: number;
		studentId: number;
		kind: ConversationKind;
		staffId: number | null;
		title: string;
		startedBy: number;
		day: number;
		participants: { userId: number; side: ConversationSide; readAll: boolean }[];
		messages: SeedMessage[];
	}
) {
	const start = BASE + c.day * DAY;
	const at = (minutes: number) => new Date(start + minutes * 60_000);
	const row = await db
		.insertInto('conversations')
		.values({
			school_id: c.schoolId,
			student_id: c.studentId,
			kind: c.kind,
			staff_id: c.staffId,
			title: c.title,
			started_by: c.startedBy,
			created_at: at(0)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	let last = { id: 0, at: at(0) };
	const lastBy = new Map<number, { id: number; at: Date }>();
	for (const m of c.messages) {
		const msg = await db
			.insertInto('conversation_messages')
			.values({
				conversation_id: row.id,
				sender_id: m.from,
				side: m.side,
				body: m.body,
				created_at: at(m.minutes)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		last = { id: msg.id, at: at(m.minutes) };
		lastBy.set(m.from, last);
	}
	await db
		.updateTable('conversations')
		.set({ last_message_id: last.id, last_message_at: last.at })
		.where('id', '=', row.id)
		.execute();
	await db
		.insertInto('conversation_participants')
		.values(
			c.participants.map((p) => {
				const read = p.readAll
					? { id: last.id, at: new Date(last.at.getTime() + 600_000) }
					: lastBy.get(p.userId);
				return {
					conversation_id: row.id,
					user_id: p.userId,
					side: p.side,
					last_read_message_id: read?.id ?? null,
					last_read_at: read?.at ?? null,
					joined_at: at(0)
				};
			})
		)
		.execute();
}

/** A family account (no password yet) for the first guardian of a pupil of `className`. */
async function demoFamily(
	db: Db,
	prefix: string,
	schoolId: number,
	className: string,
	skip: number[]
) {
	const row = await db
		.selectFrom('student_guardians as sg')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.innerJoin('students as st', 'st.id', 'sg.student_id')
		.innerJoin('classes as c', 'c.id', 'st.class_id')
		.select(['g.id as guardian_id', 'g.full_name', 'st.id as student_id', 'st.code'])
		.where('c.school_id', '=', schoolId)
		.where('c.name', '=', className)
		.where('g.user_id', 'is', null)
		.where('st.id', 'not in', skip.length ? skip : [0])
		.orderBy('st.id', 'desc')
		.executeTakeFirstOrThrow();
	const user = await db
		.insertInto('users')
		.values({
			email: `${prefix}.phuhuynh.${row.code.toLowerCase()}@demo.example`,
			name: row.full_name
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('role_assignments').values({ user_id: user.id, role: 'parent' }).execute();
	await db
		.updateTable('guardians')
		.set({ user_id: user.id })
		.where('id', '=', row.guardian_id)
		.execute();
	return { userId: user.id, studentId: row.student_id };
}

async function staffIdOf(db: Db, userId: number, schoolId: number) {
	const row = await db
		.selectFrom('staff')
		.select('id')
		.where('user_id', '=', userId)
		.where('school_id', '=', schoolId)
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function seedMessages(db: Db, ctx: SeedContext): Promise<void> {
	const qt = ctx.pilots.quangTrung;
	const ntt = ctx.pilots.nguyenTatThanh;
	const parent = ctx.users['quangtrung.ph@demo.example'];
	const gv = ctx.users['quangtrung.gv@demo.example'];
	const gvNtt = ctx.users['nguyentatthanh.gv@demo.example'];
	const class8A = qt.classes.find((c) => c.name === '8A')!.id;
	const child = await db
		.selectFrom('student_guardians as sg')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.innerJoin('students as st', 'st.id', 'sg.student_id')
		.select('st.id')
		.where('g.user_id', '=', parent)
		.where('st.class_id', '=', class8A)
		.executeTakeFirstOrThrow();
	const gvStaff = await staffIdOf(db, gv, qt.schoolId);

	await seedConversation(db, {
		schoolId: qt.schoolId,
		studentId: child.id,
		kind: 'homeroom',
		staffId: gvStaff,
		title: 'Xin phép cho cháu nghỉ học thứ Sáu',
		startedBy: parent,
		day: 0,
		participants: [
			{ userId: parent, side: 'family', readAll: false },
			{ userId: gv, side: 'staff', readAll: true }
		],
		messages: [
			{
				from: parent,
				side: 'family',
				body: 'Kính gửi cô,\nThứ Sáu này gia đình có việc về quê, xin phép cô cho cháu nghỉ học một buổi.\nCháu sẽ chép bài đầy đủ.',
				minutes: 0
			},
			{
				from: gv,
				side: 'staff',
				body: 'Chào anh/chị,\nCô đã nhận được. Cháu nhớ mượn vở bạn cùng bàn để chép bài nhé.',
				minutes: 95
			}
		]
	});
	await seedConversation(db, {
		schoolId: qt.schoolId,
		studentId: child.id,
		kind: 'office',
		staffId: null,
		title: 'Hỏi về đăng ký ăn bán trú học kì II',
		startedBy: parent,
		day: 2,
		participants: [{ userId: parent, side: 'family', readAll: true }],
		messages: [
			{
				from: parent,
				side: 'family',
				body: 'Kính gửi văn phòng nhà trường,\nGia đình muốn đăng ký cho cháu ăn bán trú từ học kì II. Xin hỏi thủ tục thế nào ạ?',
				minutes: 0
			}
		]
	});
	const other = await demoFamily(db, 'quangtrung', qt.schoolId, '8A', [child.id]);
	await seedConversation(db, {
		schoolId: qt.schoolId,
		studentId: other.studentId,
		kind: 'homeroom',
		staffId: gvStaff,
		title: 'Mời phụ huynh họp lớp 8A',
		startedBy: gv,
		day: 1,
		participants: [
			{ userId: gv, side: 'staff', readAll: true },
			{ userId: other.userId, side: 'family', readAll: false }
		],
		messages: [
			{
				from: gv,
				side: 'staff',
				body: 'Kính mời phụ huynh dự họp lớp 8A lúc 8 giờ sáng Chủ nhật tại phòng học lớp.',
				minutes: 0
			}
		]
	});
	const nttFamily = await demoFamily(db, 'nguyentatthanh', ntt.schoolId, '11 Toán', []);
	await seedConversation(db, {
		schoolId: ntt.schoolId,
		studentId: nttFamily.studentId,
		kind: 'homeroom',
		staffId: await staffIdOf(db, gvNtt, ntt.schoolId),
		title: 'Lịch ôn thi học sinh giỏi tỉnh',
		startedBy: gvNtt,
		day: 1,
		participants: [
			{ userId: gvNtt, side: 'staff', readAll: true },
			{ userId: nttFamily.userId, side: 'family', readAll: false }
		],
		messages: [
			{
				from: gvNtt,
				side: 'staff',
				body: 'Kính gửi gia đình,\nLớp ôn thi học sinh giỏi tỉnh học thêm chiều thứ Ba và thứ Năm.',
				minutes: 0
			}
		]
	});
	const admin = ctx.users['quangtrung.admin@demo.example'];
	await insertNotice(
		db,
		admin,
		qt.schoolId,
		{
			title: 'Tham quan Khu di tích Nghĩa Lộ',
			body: 'Kính gửi quý phụ huynh,\nNhà trường tổ chức cho học sinh tham quan Khu di tích lịch sử Nghĩa Lộ.\nĐề nghị phụ huynh xác nhận đồng ý cho con tham gia.',
			target: 'school',
			requiresConfirmation: true,
			confirmBy: '2027-01-15'
		},
		[]
	);
	await insertNotice(
		db,
		admin,
		qt.schoolId,
		{
			title: 'Họp hội đồng sư phạm tháng 12',
			body: 'Kính mời toàn thể cán bộ, giáo viên dự họp hội đồng sư phạm lúc 14 giờ thứ Sáu.',
			target: 'staff',
			requiresConfirmation: false,
			confirmBy: null
		},
		[]
	);
	// A leave request of the demo parent, waiting for the homeroom teacher's answer.
	await db
		.insertInto('leave_requests')
		.values({
			school_id: qt.schoolId,
			student_id: child.id,
			class_id: class8A,
			requested_by: parent,
			from_day: '2026-12-11',
			to_day: '2026-12-11',
			sessions: 'all',
			reason: 'Gia đình có việc về quê, xin phép cho cháu nghỉ học thứ Sáu.',
			created_at: new Date(BASE)
		})
		.execute();
}
