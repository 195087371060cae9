import { sql } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { DB } from '../db';
import { fieldError } from '../errors';

/**
 * Response figures of a school (issue 13): the share of parents' messages answered within one
 * working day, per teacher (the office as one line) and for the school, over one month, Vietnam
 * time. Never a message's text: only times and sides are read, in one SQL statement.
 *
 * - A parent's "question" is the first family message after a staff message (or the first of the
 *   conversation): several family messages in a row before an answer count once.
 * - Its answer is the first staff message after it. Working time counts whole working days only:
 *   the school's week (timetable_settings.days = 6: Monday–Saturday; otherwise Monday–Friday)
 *   minus `school_holidays`. Sent on a working day, the deadline is the same time on the next
 *   working day; sent on a day off, the end of the first working day after it.
 * - Unanswered with the deadline passed counts as not in time; a question whose deadline has not
 *   come yet is "waiting" and left out of the share.
 */
export interface ResponseLine {
	/** null: the school office (conversations without a teacher) */
	staffId: number | null;
	name: string | null;
	questions: number;
	inTime: number;
	late: number;
	unanswered: number;
	waiting: number;
	/** inTime / (questions - waiting), null when nothing could be judged yet */
	share: number | null;
}

export interface ResponseFigures {
	month: string;
	lines: ResponseLine[];
	school: ResponseLine;
}

interface Row {
	staff_id: number | null;
	name: string | null;
	questions: number;
	in_time: number;
	late: number;
	unanswered: number;
	waiting: number;
}

const share = (inTime: number, judged: number) => (judged > 0 ? inTime / judged : null);

function lineOf(r: Row): ResponseLine {
	return {
		staffId: r.staff_id,
		name: r.name,
		questions: r.questions,
		inTime: r.in_time,
		late: r.late,
		unanswered: r.unanswered,
		waiting: r.waiting,
		share: share(r.in_time, r.questions - r.waiting)
	};
}

/** The Vietnam calendar day of a timestamp, by arithmetic (no time zone data needed). */
const vnDay = (col: string) =>
	sql.raw(`(date '1970-01-01' + floor((extract(epoch from ${col}) + 25200) / 86400)::int)`);
/** The instant a Vietnam calendar day starts. */
const dayStart = (col: string) =>
	sql.raw(`to_timestamp((${col} - date '1970-01-01') * 86400 - 25200)`);

/** The figures of `month` ('yyyy-mm') for one school; `now` decides what is still waiting. */
export async function responseFigures(
	db: DB,
	schoolId: number,
	month: string,
	now = new Date()
): Promise<ResponseFigures> {
	const first = `${month}-01`;
	const { rows } = await sql<Row>`
		with bounds as (
			select ${first}::date as first_day, (${first}::date + interval '1 month')::date as next_month,
				coalesce((select days from timetable_settings where school_id = ${schoolId}), 5) as week_days),
		days as (
			select d::date as day,
				extract(isodow from d) <= b.week_days
					and not exists (select 1 from school_holidays h
						where h.school_id = ${schoolId} and h.day = d::date) as working
			from bounds b, generate_series(b.first_day - 1, b.next_month + 45, interval '1 day') d),
		cal as (
			select day, working,
				(select min(w.day) from days w where w.working and w.day > days.day) as next_working,
				(select min(w.day) from days w where w.working and w.day >= days.day) as first_working
			from days),
		-- the month's conversations with a family message, found once (then joined, never a
		-- subquery per message: npm run bench:messages)
		active as materialized (
			select distinct f.conversation_id from conversation_messages f
			join conversations fc on fc.id = f.conversation_id, bounds b
			where fc.school_id = ${schoolId} and f.side = 'family'
				and f.created_at >= ${dayStart('b.first_day')}
				and f.created_at < ${dayStart('b.next_month')}),
		msgs as (
			select m.conversation_id, m.created_at, m.side, c.staff_id,
				lag(m.side) over w as prev_side,
				min(case when m.side = 'staff' then m.created_at end) over (w
					rows between 1 following and unbounded following) as answered_at
			from active a
			join conversation_messages m on m.conversation_id = a.conversation_id
			join conversations c on c.id = m.conversation_id, bounds b
			where m.created_at >= ${dayStart('b.first_day')} - interval '62 days'
			window w as (partition by m.conversation_id order by m.created_at, m.id)),
		questions as (
			select q.staff_id, q.answered_at,
				case when cal.working then q.created_at + (cal.next_working - cal.day) * interval '1 day'
					else ${dayStart('(cal.first_working + 1)')} end as deadline
			from msgs q, bounds b, cal
			where q.side = 'family' and (q.prev_side is null or q.prev_side = 'staff')
				and q.created_at >= ${dayStart('b.first_day')}
				and q.created_at < ${dayStart('b.next_month')}
				and cal.day = ${vnDay('q.created_at')}),
		judged as (
			select staff_id,
				answered_at is not null and answered_at <= deadline as in_time,
				answered_at is not null and answered_at > deadline as late,
				answered_at is null and deadline <= ${now.toISOString()}::timestamptz as unanswered,
				answered_at is null and deadline > ${now.toISOString()}::timestamptz as waiting
			from questions)
		select j.staff_id, s.full_name as name, count(*)::int as questions,
			count(*) filter (where in_time)::int as in_time, count(*) filter (where late)::int as late,
			count(*) filter (where unanswered)::int as unanswered,
			count(*) filter (where waiting)::int as waiting
		from judged j left join staff s on s.id = j.staff_id
		group by j.staff_id, s.full_name
		order by s.full_name nulls first`.execute(db);
	const total = rows.reduce<Row>(
		(t, r) => ({
			...t,
			questions: t.questions + r.questions,
			in_time: t.in_time + r.in_time,
			late: t.late + r.late,
			unanswered: t.unanswered + r.unanswered,
			waiting: t.waiting + r.waiting
		}),
		{ staff_id: null, name: null, questions: 0, in_time: 0, late: 0, unanswered: 0, waiting: 0 }
	);
	return { month, lines: rows.map(lineOf), school: lineOf(total) };
}

export interface Holiday {
	day: string;
	name: string;
}

export async function holidaysOf(db: DB, schoolId: number, from: string): Promise<Holiday[]> {
	return db
		.selectFrom('school_holidays')
		.select(['day', 'name'])
		.where('school_id', '=', schoolId)
		.where('day', '>=', from)
		.orderBy('day')
		.limit(200)
		.execute();
}

/** Adds a day off (a day already there: the error beside the date). */
export async function addHoliday(db: DB, actor: Actor, schoolId: number, h: Holiday) {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('school_holidays')
			.values({ school_id: schoolId, day: h.day, name: h.name, created_by: actor.principal.userId })
			.onConflict((oc) => oc.columns(['school_id', 'day']).doNothing())
			.returning('day')
			.executeTakeFirst();
		if (!row) throw fieldError('day', 'figures_holiday_exists');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'school.holiday_add',
			entity: 'school',
			entityId: schoolId,
			schoolId,
			before: null,
			after: h,
			requestId: actor.requestId ?? null
		});
	});
}

/** Removes a day off; one already gone changes nothing. */
export async function removeHoliday(db: DB, actor: Actor, schoolId: number, day: string) {
	await db.transaction().execute(async (trx) => {
		const gone = await trx
			.deleteFrom('school_holidays')
			.where('school_id', '=', schoolId)
			.where('day', '=', day)
			.returning(['day', 'name'])
			.executeTakeFirst();
		if (!gone) return;
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'school.holiday_remove',
			entity: 'school',
			entityId: schoolId,
			schoolId,
			before: gone,
			after: null,
			requestId: actor.requestId ?? null
		});
	});
}
