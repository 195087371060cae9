import { sql } from 'kysely';
import { officialScopeWhere, notFound } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';

/**
 * Reading official notices. A school's readers see the notices addressed to their school (teachers
 * only those that include them); opening one records the reader's read and, for an administrator,
 * the school's first read. Officials see the notices of their scope (`officialScopeWhere` on the
 * notice's department and area: an area office sees its area's, never another's) with read figures.
 */
export const PAGE_SIZE = 50;

const isAdminOf = (principal: Principal, schoolId: number) =>
	principal.roles.some((g) => g.role === 'school_admin' && g.schoolId === schoolId);

/** The notices this reader may see at the school, as a predicate on `n` (the school's rows `ons`). */
export function readerWhere(principal: Principal, schoolId: number) {
	return isAdminOf(principal, schoolId) ? sql`true` : sql`n.include_teachers`;
}

export interface InboxNotice {
	id: number;
	title: string;
	sender: string;
	sent_at: Date;
	read_at: Date | null;
	/** the school was reminded while it had not read it */
	reminded_at: Date | null;
}

/** The school's official notices for this reader, newest first, with the reader's own read time. */
export async function officialInbox(
	db: DB,
	principal: Principal,
	schoolId: number,
	page = 1
): Promise<InboxNotice[]> {
	const { rows } = await sql<InboxNotice>`select n.id, n.title, n.sent_at,
			coalesce(a.name, d.name) as sender, r.read_at, ons.reminded_at
		from official_notice_schools ons
		join official_notices n on n.id = ons.notice_id
		join departments d on d.id = n.department_id
		left join areas a on a.id = n.area_id
		left join official_notice_reads r on r.notice_id = ons.notice_id
			and r.school_id = ons.school_id and r.user_id = ${principal.userId}
		where ons.school_id = ${schoolId} and ${readerWhere(principal, schoolId)}
		order by ons.notice_id desc
		limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db);
	return rows;
}

/**
 * How many of the school's official notices this reader has not opened (the home card): the
 * notices minus the reader's reads, two index range counts (a read exists only of a notice the
 * reader could open). An anti-join was planned as a nested loop over all reads (bench:messages).
 */
export async function unreadOfficialCount(
	db: DB,
	principal: Principal,
	schoolId: number
): Promise<number> {
	const visible = readerWhere(principal, schoolId);
	const { rows } = await sql<{ n: number }>`select
		(select count(*) from official_notice_schools ons
			join official_notices n on n.id = ons.notice_id
			where ons.school_id = ${schoolId} and ${visible})
		- (select count(*) from official_notice_reads r
			join official_notices n on n.id = r.notice_id
			where r.user_id = ${principal.userId} and r.school_id = ${schoolId} and ${visible}) as n`.execute(
		db
	);
	return Math.max(0, Number(rows[0]?.n ?? 0));
}

/** Opens a notice addressed to the school (else 404) and records the read. */
export async function openOfficialNotice(
	db: DB,
	principal: Principal,
	schoolId: number,
	noticeId: number
) {
	const { rows } = await sql<{
		id: number;
		title: string;
		body: string;
		sent_at: Date;
		sender: string;
	}>`select n.id, n.title, n.body, n.sent_at, coalesce(a.name, d.name) as sender
		from official_notice_schools ons
		join official_notices n on n.id = ons.notice_id
		join departments d on d.id = n.department_id
		left join areas a on a.id = n.area_id
		where ons.notice_id = ${noticeId} and ons.school_id = ${schoolId}
			and ${readerWhere(principal, schoolId)}`.execute(db);
	const notice = rows[0] ?? notFound();
	await db
		.insertInto('official_notice_reads')
		.values({ notice_id: noticeId, school_id: schoolId, user_id: principal.userId })
		.onConflict((oc) => oc.doNothing())
		.execute();
	// The school's first read raises the notice's count in the same statement (the row lock on the
	// school's row makes a concurrent second read of the same school find read_at set).
	if (isAdminOf(principal, schoolId))
		await sql`with first as (update official_notice_schools set read_at = now()
				where notice_id = ${noticeId} and school_id = ${schoolId} and read_at is null
				returning notice_id)
			update official_notices set read_count = read_count + 1
			where id in (select notice_id from first)`.execute(db);
	return notice;
}

export interface SentNotice {
	id: number;
	title: string;
	sender: string;
	sent_at: Date;
	school_count: number;
	read_count: number;
	remind_count: number;
	last_reminded_at: Date | null;
}

const sentColumns = sql`n.id, n.title, n.sent_at, n.school_count, n.read_count,
	n.remind_count, n.last_reminded_at,
	coalesce(a.name, d.name) as sender`;

/** The notices of the official's scope, newest first, with how many target schools have read each. */
export async function sentNotices(db: DB, principal: Principal, page = 1): Promise<SentNotice[]> {
	const { rows } = await sql<SentNotice>`select ${sentColumns}
		from official_notices n
		join departments d on d.id = n.department_id
		left join areas a on a.id = n.area_id
		where ${officialScopeWhere(principal, 'official_notices.send', 'n')}
		order by n.sent_at desc, n.id desc
		limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db);
	return rows;
}

/** One notice of the official's scope (else 404) with its figures. */
export async function sentNotice(db: DB, principal: Principal, noticeId: number) {
	const { rows } = await sql<SentNotice & { body: string; include_teachers: boolean }>`
		select ${sentColumns}, n.body, n.include_teachers
		from official_notices n
		join departments d on d.id = n.department_id
		left join areas a on a.id = n.area_id
		where n.id = ${noticeId} and ${officialScopeWhere(principal, 'official_notices.send', 'n')}`.execute(
		db
	);
	return rows[0] ?? notFound();
}

export interface TargetSchool {
	code: string;
	name: string;
	area: string;
	read_at: Date | null;
}

/** The target schools of a notice already proved in scope: the unread first, then by name. */
export async function targetSchools(
	db: DB,
	noticeId: number,
	opts: { unreadOnly: boolean; page: number }
): Promise<TargetSchool[]> {
	const { rows } = await sql<TargetSchool>`select s.code, s.name, a.name as area, ons.read_at
		from official_notice_schools ons
		join schools s on s.id = ons.school_id
		join areas a on a.id = s.area_id
		where ons.notice_id = ${noticeId}
			${opts.unreadOnly ? sql`and ons.read_at is null` : sql``}
		order by ons.read_at nulls first, s.name, s.id
		limit ${PAGE_SIZE * 2 + 1} offset ${(opts.page - 1) * PAGE_SIZE * 2}`.execute(db);
	return rows;
}

/** The areas a department official may narrow a notice to (none for an area office). */
export async function areaOptions(db: DB, principal: Principal) {
	const departments = principal.roles.flatMap((g) =>
		g.role === 'department' && g.departmentId !== null ? [g.departmentId] : []
	);
	if (!departments.length) return [];
	return db
		.selectFrom('areas')
		.select(['id', 'name'])
		.where('department_id', 'in', departments)
		.where('active', '=', true)
		.orderBy('name')
		.execute();
}
