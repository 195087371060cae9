import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { classWhere, ownStaffWhere } from '../auth/access';
import { todayIso } from '../../dates';
import { ADOPTION_DAYS, RECENT_DAYS, isEditable, windowStart } from '../../usage/adoption';

/** What a teacher needs to log usage, and their own entries and figures. Reads only. */

export interface TeacherSchool {
	staffId: number;
	schoolId: number;
	schoolName: string;
	level: string;
	platforms: { id: number; code: string; nameVi: string; nameEn: string; deployed: boolean }[];
	classes: { id: number; name: string; students: number }[];
}

/**
 * The teacher's staff records (one per school), each with the school's platforms (deployed or in use
 * first) and the teacher's classes of the current school year (homeroom or taught).
 */
export async function loggingContext(db: DB, principal: Principal): Promise<TeacherSchool[]> {
	const staff = await db
		.selectFrom('staff')
		.innerJoin('schools', 'schools.id', 'staff.school_id')
		.select(['staff.id', 'staff.school_id', 'schools.name', 'schools.level'])
		.where(ownStaffWhere(principal, 'staff.id'))
		.orderBy('staff.id')
		.execute();
	if (!staff.length) return [];
	const schoolIds = staff.map((s) => s.school_id);
	const [platforms, classes] = await Promise.all([
		db
			.selectFrom('platforms')
			.innerJoin('school_platforms as sp', 'sp.platform_id', 'platforms.id')
			.select([
				'sp.school_id',
				'platforms.id',
				'platforms.code',
				'platforms.name_vi',
				'platforms.name_en',
				'sp.status'
			])
			.where('sp.school_id', 'in', schoolIds)
			.where('platforms.retired_at', 'is', null)
			.orderBy(sql`case when sp.status in ('in_use', 'deployed') then 0 else 1 end`)
			.orderBy('platforms.sort_order')
			.execute(),
		db
			.selectFrom('classes')
			.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
			.select((eb) => [
				'classes.id',
				'classes.name',
				'classes.school_id',
				eb
					.selectFrom('students')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('students.class_id', '=', 'classes.id')
					.where('students.active', '=', true)
					.as('students')
			])
			.where('school_years.is_current', '=', true)
			.where('classes.active', '=', true)
			.where(classWhere(principal, 'class.teach'))
			.orderBy('classes.grade')
			.orderBy('classes.name_sort')
			.execute()
	]);
	return staff.map((s) => ({
		staffId: s.id,
		schoolId: s.school_id,
		schoolName: s.name,
		level: s.level,
		platforms: platforms
			.filter((p) => p.school_id === s.school_id)
			.map((p) => ({
				id: p.id,
				code: p.code,
				nameVi: p.name_vi,
				nameEn: p.name_en,
				deployed: p.status === 'in_use' || p.status === 'deployed'
			})),
		classes: classes
			.filter((c) => c.school_id === s.school_id)
			.map((c) => ({ id: c.id, name: c.name, students: Number(c.students ?? 0) }))
	}));
}

/**
 * Whose rows "own" means: the principal's staff records (a subquery), or their ids when the caller
 * has already read them (`loggingContext`): a list of ids lets the planner use the `staff_id`
 * indexes whatever its statistics say, and saves the subquery in every query of the page.
 */
export type Own = Principal | { staffIds: number[] };

function ownWhere(own: Own, column: string): RawBuilder<SqlBool> {
	if (!('staffIds' in own)) return ownStaffWhere(own, column);
	return sql<SqlBool>`${sql.ref(column)} = any(${own.staffIds}::int[])`;
}

function ownEntries(db: DB, own: Own) {
	return db
		.selectFrom('usage_events as e')
		.innerJoin('platforms as p', 'p.id', 'e.platform_id')
		.where(ownWhere(own, 'e.staff_id'));
}

const entryColumns = [
	'e.id',
	'e.staff_id',
	'e.platform_id',
	'e.occurred_on',
	'e.periods',
	'e.minutes',
	'e.students',
	'e.class_ids',
	'e.note',
	'e.source',
	'e.created_at',
	'e.version',
	'p.name_vi as platform_vi',
	'p.name_en as platform_en'
] as const;

const classNames = sql<string | null>`coalesce((select string_agg(c.name, ', ' order by c.name)
	from classes c where c.id = any(e.class_ids)), e.class_name)`;

type EntryRow = { source: string; created_at: Date };
const withEditable = <T extends EntryRow>(rows: T[], now: Date) =>
	rows.map((r) => ({ ...r, editable: r.source === 'manual' && isEditable(r.created_at, now) }));

/**
 * The teacher's own entries, newest first, paged; optionally one range of days. `count: false`
 * skips counting them all (a page that shows only the latest few).
 */
export async function listOwnEntries(
	db: DB,
	own: Own,
	options: { page?: number; pageSize?: number; from?: string; to?: string; count?: boolean } = {},
	now = new Date()
) {
	const pageSize = options.pageSize ?? 20;
	const page = Math.max(1, options.page ?? 1);
	let q = ownEntries(db, own);
	if (options.from) q = q.where('e.occurred_on', '>=', options.from);
	if (options.to) q = q.where('e.occurred_on', '<=', options.to);
	const [rows, total] = await Promise.all([
		q
			.select([...entryColumns, classNames.as('class_names')])
			.orderBy('e.occurred_on', 'desc')
			.orderBy('e.id', 'desc')
			.limit(pageSize)
			.offset((page - 1) * pageSize)
			.execute(),
		options.count === false
			? null
			: q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	const n = total ? Number(total.n) : rows.length;
	return {
		rows: withEditable(rows, now),
		total: n,
		page,
		pages: Math.max(1, Math.ceil(n / pageSize))
	};
}

/** One of the teacher's own entries (404 for anyone else's). */
export async function findOwnEntry(db: DB, principal: Principal, id: number, now = new Date()) {
	if (!Number.isSafeInteger(id)) return null;
	const row = await ownEntries(db, principal)
		.select([...entryColumns, classNames.as('class_names')])
		.where('e.id', '=', id)
		.executeTakeFirst();
	return row ? withEditable([row], now)[0] : null;
}

/** The teacher's latest manual entry (to repeat it). */
export async function findLastEntry(db: DB, own: Own) {
	return (
		(await ownEntries(db, own)
			.select([...entryColumns, classNames.as('class_names')])
			.where('e.source', '=', 'manual')
			.orderBy('e.created_at', 'desc')
			.orderBy('e.id', 'desc')
			.limit(1)
			.executeTakeFirst()) ?? null
	);
}

/**
 * The teacher's figures from the daily summaries: last 7 and 30 days, per platform, and the days
 * with any use. One statement: the per-platform rows and the total row (`grouping sets`), which
 * also counts the distinct days.
 */
export async function personalFigures(db: DB, own: Own, now = new Date()) {
	const today = todayIso(now);
	const from7 = windowStart(today, RECENT_DAYS);
	const from30 = windowStart(today, ADOPTION_DAYS);
	const rows = await db
		.selectFrom('usage_daily_teacher as d')
		.innerJoin('platforms as p', 'p.id', 'd.platform_id')
		.where(ownWhere(own, 'd.staff_id'))
		.where('d.day', '>=', from30)
		.where('d.day', '<=', today)
		.select((eb) => [
			'p.id',
			'p.name_vi',
			'p.name_en',
			sql<number>`grouping(p.id)`.as('total'),
			eb.fn.sum<number>('d.sessions').as('sessions30'),
			eb.fn.sum<number>('d.minutes').as('minutes30'),
			sql<number>`coalesce(sum(d.sessions) filter (where d.day >= ${from7}), 0)`.as('sessions7'),
			sql<number>`count(distinct d.day)`.as('days')
		])
		.groupBy(sql`grouping sets ((p.id, p.name_vi, p.name_en), ())`)
		.orderBy('sessions30', 'desc')
		.orderBy('p.id')
		.execute();
	const platforms = rows
		.filter((r) => Number(r.total) === 0)
		.map(({ total: _t, days: _d, ...p }) => ({
			...p,
			sessions30: Number(p.sessions30),
			minutes30: Number(p.minutes30),
			sessions7: Number(p.sessions7)
		}));
	const total = rows.find((r) => Number(r.total) === 1);
	return {
		sessions7: Number(total?.sessions7 ?? 0),
		sessions30: Number(total?.sessions30 ?? 0),
		minutes30: Number(total?.minutes30 ?? 0),
		days30: Number(total?.days ?? 0),
		platforms
	};
}
