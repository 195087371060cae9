import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamTime } from '../../src/lib/dates';
import type { DB } from '../../src/lib/server/db';
import {
	addHoliday,
	holidaysOf,
	removeHoliday,
	responseFigures
} from '../../src/lib/server/messages/response-figures';
import type { Principal } from '../../src/lib/server/auth/session';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Response figures (issue 13) on a school of its own with handmade conversations in March 2025
 * (1 March is a Saturday): answered in time, late, unanswered, over a weekend, over a holiday,
 * a run of parent messages counted once, a February question left out, one still waiting.
 */
let db: DB;
let close: () => Promise<void>;
let schoolId: number;
let teacher: number;
let other: number;
let admin: Principal;
let student: number;
const vn = (d: number, h: number, mo = 3) => vietnamTime(2025, mo, d, h);
const NOW = vn(31, 12);

async function conversation(staffId: number | null, messages: ['family' | 'staff', Date][]) {
	const c = await db
		.insertInto('conversations')
		.values({
			school_id: schoolId,
			student_id: student,
			kind: staffId ? 'homeroom' : 'office',
			staff_id: staffId,
			title: 'Hỏi bài',
			started_by: admin.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('conversation_messages')
		.values(
			messages.map(([side, at]) => ({
				conversation_id: c.id,
				sender_id: admin.userId,
				side,
				body: 'Nội dung không được đọc',
				created_at: at
			}))
		)
		.execute();
}

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	const school = await createTimetableSchool(db);
	schoolId = school.schoolId;
	admin = school.admin;
	[teacher, other] = school.staffIds;
	// Monday to Friday: this school has no Saturday lessons
	await db
		.insertInto('timetable_settings')
		.values({ school_id: schoolId, days: 5 })
		.onConflict((oc) => oc.column('school_id').doUpdateSet({ days: 5 }))
		.execute();
	student = (
		await db
			.insertInto('students')
			.values({ school_id: schoolId, class_id: school.classes[0].id, code: 'HS1', full_name: 'An' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await addHoliday(db, { principal: admin, requestId: 't' }, schoolId, {
		day: '2025-03-24',
		name: 'Nghỉ bù'
	});
	// teacher: in time (Mon 10:00 -> Tue 09:00); a run of two answered late (Tue 11:00 -> Thu)
	await conversation(teacher, [
		['family', vn(3, 10)],
		['staff', vn(4, 9)],
		['family', vn(4, 11)],
		['family', vn(4, 12)],
		['staff', vn(6, 8)]
	]);
	// teacher: over a weekend (Fri 16:00 -> Mon 15:00), sent on a Saturday (-> Mon 23:00), over the
	// Monday holiday (Fri 21 09:00 -> Tue 25 08:00); a February question answered in March is left out
	await conversation(teacher, [
		['family', vn(28, 9, 2)],
		['staff', vn(3, 9)],
		['family', vn(7, 16)],
		['staff', vn(10, 15)],
		['family', vn(15, 10)],
		['staff', vn(17, 23)],
		['family', vn(21, 9)],
		['staff', vn(25, 8)]
	]);
	// teacher: asked this morning, deadline tomorrow: waiting
	await conversation(teacher, [['family', vn(31, 10)]]);
	// another teacher: Friday 16:00, answered Monday 17:00 (late by an hour)
	await conversation(other, [
		['family', vn(14, 16)],
		['staff', vn(17, 17)]
	]);
	// the office: never answered
	await conversation(null, [['family', vn(12, 9)]]);
});

afterAll(async () => {
	await db.deleteFrom('conversations').where('school_id', '=', schoolId).execute();
	await close();
});

describe('response figures', () => {
	it('counts per teacher, the office and the school, with the weekend and holidays left out', async () => {
		const figures = await responseFigures(db, schoolId, '2025-03', NOW);
		const byStaff = new Map(figures.lines.map((l) => [l.staffId, l]));
		expect(byStaff.get(teacher)).toMatchObject({
			questions: 6,
			inTime: 4,
			late: 1,
			unanswered: 0,
			waiting: 1,
			share: 0.8
		});
		expect(byStaff.get(other)).toMatchObject({ questions: 1, inTime: 0, late: 1, share: 0 });
		expect(byStaff.get(null)).toMatchObject({ questions: 1, unanswered: 1, share: 0 });
		expect(figures.school).toMatchObject({
			questions: 8,
			inTime: 4,
			late: 2,
			unanswered: 1,
			waiting: 1,
			share: 4 / 7
		});
		// never the messages' text
		expect(JSON.stringify(figures)).not.toContain('Nội dung');
	});

	it('without the holiday the answer after it is late; a Saturday school counts Saturdays', async () => {
		const actor = { principal: admin, requestId: 't' };
		await removeHoliday(db, actor, schoolId, '2025-03-24');
		try {
			let figures = await responseFigures(db, schoolId, '2025-03', NOW);
			expect(figures.lines.find((l) => l.staffId === teacher)).toMatchObject({
				inTime: 3,
				late: 2
			});
			// Monday to Saturday: Friday's questions are due on Saturday, Saturday's on Monday at the
			// same time; only the Monday 10:00 -> Tuesday 09:00 answer stays in time
			await db
				.updateTable('timetable_settings')
				.set({ days: 6 })
				.where('school_id', '=', schoolId)
				.execute();
			figures = await responseFigures(db, schoolId, '2025-03', NOW);
			expect(figures.lines.find((l) => l.staffId === teacher)).toMatchObject({
				inTime: 1,
				late: 4
			});
		} finally {
			await db
				.updateTable('timetable_settings')
				.set({ days: 5 })
				.where('school_id', '=', schoolId)
				.execute();
			await addHoliday(db, actor, schoolId, { day: '2025-03-24', name: 'Nghỉ bù' });
		}
	});

	it('a month without messages has no lines and no share; holidays are listed and kept once', async () => {
		const empty = await responseFigures(db, schoolId, '2024-07', NOW);
		expect(empty.lines).toEqual([]);
		expect(empty.school).toMatchObject({ questions: 0, share: null });
		await expect(
			addHoliday(db, { principal: admin, requestId: 't' }, schoolId, {
				day: '2025-03-24',
				name: 'Lần nữa'
			})
		).rejects.toMatchObject({ code: 'figures_holiday_exists', field: 'day' });
		expect(await holidaysOf(db, schoolId, '2025-01-01')).toEqual([
			{ day: '2025-03-24', name: 'Nghỉ bù' }
		]);
	});
});
