import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../audit';
import { ownChildIds, ownStaffIds } from '../auth/access/common';
import type { DB } from '../db';
import { searchPattern } from '../roster/context';
import { foldText } from '../../text';

/**
 * Reads of a pupil's personal data by staff outside the pupil's classes (issue 13, privacy; Law
 * 91/2025, Decree 356/2025). A detail page that shows a pupil's personal details or guardians'
 * contact data calls `logPupilRead`/`logGuardianRead`: one INSERT ... SELECT that writes a row per
 * pupil the reader does not teach (homeroom or a subject of the pupil's class) and is not a
 * guardian of, and nothing otherwise. List pages are not logged (no statement per row). The school
 * admin reads the school's rows (`schoolAccessLog`), a guardian their children's (`childAccessLog`).
 */
export const ACCESS_LOG_PAGE = 50;
/**
 * Rows are kept two years, then deleted by the nightly messages.retention job. The domain file
 * names no period for an access log (Circular 27/2016 sets the records' periods); two years cover
 * the current and the previous school year, when a family may ask who read their child's data.
 */
export const ACCESS_LOG_RETENTION_DAYS = 730;
const PURGE_BATCH = 5000;

export type AccessWhat = 'pupil' | 'guardian';

/** The pupils (alias `s`) the reader holds no class relation to: homeroom, subject, guardian. */
function outsideOwnClasses(userId: number): RawBuilder<SqlBool> {
	const staff = ownStaffIds(userId);
	return sql<SqlBool>`not (s.id in ${ownChildIds(userId)} or coalesce(s.class_id in (
		select scope_c.id from classes scope_c where scope_c.homeroom_staff_id in ${staff}
		union select scope_ta.class_id from teaching_assignments scope_ta
		where scope_ta.staff_id in ${staff}), false))`;
}

async function insertReads(
	db: DB,
	actor: Actor,
	schoolId: number,
	what: AccessWhat,
	pupils: RawBuilder<SqlBool>
): Promise<number> {
	const userId = actor.principal.userId;
	const requestId = actor.requestId?.slice(0, 100) ?? null;
	const result = await sql`insert into pupil_access_log
		(school_id, student_id, user_id, what, request_id)
		select s.school_id, s.id, ${userId}::int, ${what}, ${requestId}
		from students s
		where s.school_id = ${schoolId} and ${pupils} and ${outsideOwnClasses(userId)}`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

/** The reader opened a pupil's page (personal details and the guardians' contacts). */
export function logPupilRead(db: DB, actor: Actor, schoolId: number, studentId: number) {
	return insertReads(db, actor, schoolId, 'pupil', sql<SqlBool>`s.id = ${studentId}`);
}

/** The reader opened a guardian's page: a row for each of the guardian's children there. */
export function logGuardianRead(db: DB, actor: Actor, schoolId: number, guardianId: number) {
	return insertReads(
		db,
		actor,
		schoolId,
		'guardian',
		sql<SqlBool>`s.id in (select sg.student_id from student_guardians sg
			where sg.guardian_id = ${guardianId})`
	);
}

export interface AccessLogFilter {
	/** part of the pupil's name or code (accents ignored) */
	q: string;
	/** the reader's user id */
	reader: number | null;
	what: AccessWhat | null;
	/** yyyy-mm-dd, Vietnam days, both inclusive */
	from: string | null;
	to: string | null;
}

export interface AccessLogRow {
	id: number;
	accessed_at: Date;
	what: AccessWhat;
	student_id: number;
	student_name: string;
	student_code: string;
	class_name: string | null;
	reader_id: number | null;
	reader_name: string | null;
}

const vnDay = (day: string, plusDays = 0) =>
	sql`(${day}::date + ${plusDays}::int)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;

/** The school's log (the caller proved 'privacy.access_log'), newest first, a page + 1 row. */
export async function schoolAccessLog(
	db: DB,
	schoolId: number,
	filter: AccessLogFilter,
	page: number
): Promise<AccessLogRow[]> {
	let query = db
		.selectFrom('pupil_access_log as l')
		.innerJoin('students as s', 's.id', 'l.student_id')
		.leftJoin('classes as c', 'c.id', 's.class_id')
		.leftJoin('users as u', 'u.id', 'l.user_id')
		.select([
			'l.id',
			'l.accessed_at',
			'l.what',
			's.id as student_id',
			's.full_name as student_name',
			's.code as student_code',
			'c.name as class_name',
			'u.id as reader_id',
			'u.name as reader_name'
		])
		.where('l.school_id', '=', schoolId);
	if (filter.q) {
		query = query.where('s.search_text', 'like', searchPattern(foldText(filter.q)));
	}
	if (filter.reader !== null) query = query.where('l.user_id', '=', filter.reader);
	if (filter.what) query = query.where('l.what', '=', filter.what);
	if (filter.from) query = query.where(sql<SqlBool>`l.accessed_at >= ${vnDay(filter.from)}`);
	if (filter.to) query = query.where(sql<SqlBool>`l.accessed_at < ${vnDay(filter.to, 1)}`);
	return query
		.orderBy('l.accessed_at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(ACCESS_LOG_PAGE + 1)
		.offset((page - 1) * ACCESS_LOG_PAGE)
		.execute();
}

/** The readers who appear in the school's log (the filter's choices), by name. */
export async function accessLogReaders(db: DB, schoolId: number) {
	return db
		.selectFrom('users as u')
		.select(['u.id', 'u.name as name'])
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('pupil_access_log as l')
					.select('l.id')
					.whereRef('l.user_id', '=', 'u.id')
					.where('l.school_id', '=', schoolId)
			)
		)
		.orderBy('u.name')
		.limit(500)
		.execute();
}

export interface ChildAccessRow {
	id: number;
	accessed_at: Date;
	what: AccessWhat;
	student_name: string;
	school_name: string;
	reader_name: string | null;
}

/** Who read the caller's children's data (guardian), newest first, a page + 1 row. */
export async function childAccessLog(
	db: DB,
	userId: number,
	page: number
): Promise<ChildAccessRow[]> {
	return db
		.selectFrom('pupil_access_log as l')
		.innerJoin('students as s', 's.id', 'l.student_id')
		.innerJoin('schools as sc', 'sc.id', 'l.school_id')
		.leftJoin('users as u', 'u.id', 'l.user_id')
		.select([
			'l.id',
			'l.accessed_at',
			'l.what',
			's.full_name as student_name',
			'sc.name as school_name',
			'u.name as reader_name'
		])
		.where(sql<SqlBool>`l.student_id in ${ownChildIds(userId)}`)
		.orderBy('l.accessed_at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(ACCESS_LOG_PAGE + 1)
		.offset((page - 1) * ACCESS_LOG_PAGE)
		.execute();
}

/** Deletes rows past the retention period (at `now`), in batches; answers how many. */
export async function purgeAccessLog(db: DB, now: Date, signal?: AbortSignal): Promise<number> {
	let total = 0;
	while (!signal?.aborted) {
		const result = await sql`delete from pupil_access_log where id in (
			select id from pupil_access_log
			where accessed_at < ${now.toISOString()}::timestamptz - make_interval(days => ${ACCESS_LOG_RETENTION_DAYS})
			limit ${PURGE_BATCH})`.execute(db);
		const n = Number(result.numAffectedRows ?? 0);
		total += n;
		if (n < PURGE_BATCH) break;
	}
	return total;
}
