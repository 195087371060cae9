import type { Kysely } from 'kysely';
import type { SchoolYearEdit, SchoolYearInput } from '$lib/schemas/year-admin';
import {
	schoolYearProblems,
	type OtherYear,
	type SchoolYearPlan
} from '../../year/school-year-rules';
import { writeAudit, type Actor } from '../audit';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError, fieldErrors } from '../errors';
import { inTransaction } from '../grades/checkpoints';

type Db = Kysely<Database>;

export interface YearWithSemesters extends SchoolYearPlan {
	id: number;
	isCurrent: boolean;
	version: number;
	/** not current and later than the current year: its dates may still change */
	isEditable: boolean;
}

/**
 * Locks every school year (`for update`) and then reads them all again: a statement that waited for
 * the lock still sees the rows of its own snapshot, so only the second read (a new snapshot under
 * READ COMMITTED) sees a year another transaction added meanwhile.
 */
async function lockedYears(trx: Db): Promise<YearWithSemesters[]> {
	await trx.selectFrom('school_years').select('id').forUpdate().execute();
	return yearsWithSemesters(trx);
}

/** Every school year with its semesters, newest first. */
export async function yearsWithSemesters(db: Db): Promise<YearWithSemesters[]> {
	const query = db
		.selectFrom('school_years')
		.select(['id', 'name', 'starts_on', 'ends_on', 'is_current', 'version'])
		.orderBy('starts_on', 'desc');
	const [years, semesters] = await Promise.all([
		query.execute(),
		db
			.selectFrom('semesters')
			.select(['school_year_id', 'number', 'starts_on', 'ends_on', 'teaching_weeks'])
			.execute()
	]);
	const current = years.find((y) => y.is_current);
	return years.map((y) => {
		const sem = (n: 1 | 2) =>
			semesters.find((s) => s.school_year_id === y.id && s.number === n) ?? {
				starts_on: '',
				ends_on: '',
				teaching_weeks: 0
			};
		return {
			id: y.id,
			name: y.name,
			startsOn: y.starts_on,
			endsOn: y.ends_on,
			s1Start: sem(1).starts_on,
			s1End: sem(1).ends_on,
			s2Start: sem(2).starts_on,
			s2End: sem(2).ends_on,
			s1Weeks: sem(1).teaching_weeks,
			s2Weeks: sem(2).teaching_weeks,
			isCurrent: y.is_current,
			version: y.version,
			isEditable: !y.is_current && (!current || y.starts_on > current.starts_on)
		};
	});
}

/** Every problem of the year at once, each beside its field (a taken name among them). */
function refuse(year: SchoolYearPlan, others: OtherYear[], nameTaken = false) {
	const problems = schoolYearProblems(year, others);
	if (nameTaken && !problems.some((p) => p.field === 'name'))
		problems.unshift({ field: 'name', code: 'v_duplicate' });
	const error = fieldErrors(problems);
	if (error) throw error;
}

async function writeSemesters(trx: Db, yearId: number, d: SchoolYearPlan) {
	for (const [number, starts_on, ends_on, teaching_weeks] of [
		[1, d.s1Start, d.s1End, d.s1Weeks],
		[2, d.s2Start, d.s2End, d.s2Weeks]
	] as const)
		await trx
			.insertInto('semesters')
			.values({
				school_year_id: yearId,
				number,
				starts_on,
				ends_on,
				teaching_weeks
			})
			.onConflict((oc) =>
				oc.columns(['school_year_id', 'number']).doUpdateSet({ starts_on, ends_on, teaching_weeks })
			)
			.execute();
}

/**
 * Adds a school year and its two semesters (issue 11). School years are the portal's, one list for
 * every department, so the rows are locked first: two officials adding overlapping years at once
 * run one after the other and the second is refused beside the field.
 */
export async function createSchoolYear(
	db: DB,
	actor: Actor,
	input: SchoolYearInput
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const years = await lockedYears(trx);
		refuse(
			input,
			years,
			years.some((y) => y.name === input.name)
		);
		const { id } = await trx
			.insertInto('school_years')
			.values({ name: input.name, starts_on: input.startsOn, ends_on: input.endsOn })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeSemesters(trx, id, input);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'school_year.create',
			entity: 'school_year',
			entityId: id,
			after: input,
			requestId: actor.requestId
		});
		return id;
	});
}

/**
 * Changes the dates of a year that is not current yet (a later one), checked against the version
 * the form was loaded with: a stale form is a 409 and nothing changes.
 */
export async function updateSchoolYear(db: DB, actor: Actor, input: SchoolYearEdit): Promise<void> {
	await inTransaction(db, async (trx) => {
		const years = await lockedYears(trx);
		const year = years.find((y) => y.id === input.yearId);
		if (!year) throw fieldError('startsOn', 'year_admin_unknown');
		if (year.version !== input.version) throw new ConflictError('school_year', year.id);
		if (!year.isEditable) throw new DomainError('year_admin_not_editable');
		const dates: SchoolYearPlan = { ...input, name: year.name };
		refuse(
			dates,
			years.filter((y) => y.id !== year.id)
		);
		await trx
			.updateTable('school_years')
			.set((eb) => ({
				starts_on: input.startsOn,
				ends_on: input.endsOn,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', year.id)
			.execute();
		await writeSemesters(trx, year.id, dates);
		const { isEditable: _e, isCurrent: _c, version: _v, ...before } = year;
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'school_year.update',
			entity: 'school_year',
			entityId: year.id,
			before,
			after: dates,
			requestId: actor.requestId
		});
	});
}

/**
 * The tables whose rows would go with a deleted year (`on delete cascade`) but are someone's work:
 * a year with any of them is in use. Every other reference to `school_years` and `semesters`
 * (classes, enrolments, grades, timetables, ...) restricts the delete, which is caught below.
 * `tests/integration/school-year-admin.test.ts` fails when a migration adds a cascading reference
 * that is not listed here.
 */
export const CASCADED_YEAR_TABLES = [
	'calendar_days_off',
	'calendar_make_up_days',
	'primary_award_nominations',
	'primary_promotion_decisions'
] as const;

/**
 * Deletes a school year created by mistake (issue 11): only a later year (not current, not past),
 * checked against the version the page showed, and only while nothing uses it (no class, calendar
 * day, result, ...): otherwise it is refused and nothing changes. Audited.
 */
export async function deleteSchoolYear(
	db: DB,
	actor: Actor,
	input: { yearId: number; version: number }
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const years = await lockedYears(trx);
		const year = years.find((y) => y.id === input.yearId);
		if (!year) throw new DomainError('year_admin_unknown');
		if (year.version !== input.version) throw new ConflictError('school_year', year.id);
		if (!year.isEditable) throw new DomainError('year_admin_not_deletable');
		for (const table of CASCADED_YEAR_TABLES) {
			const used = await trx
				.selectFrom(table)
				.select('school_year_id')
				.where('school_year_id', '=', year.id)
				.limit(1)
				.executeTakeFirst();
			if (used) throw new DomainError('year_admin_in_use');
		}
		await deleteUnused(trx, year.id);
		const { isEditable: _e, isCurrent: _c, version: _v, ...before } = year;
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'school_year.delete',
			entity: 'school_year',
			entityId: year.id,
			before,
			requestId: actor.requestId
		});
	});
}

/**
 * Deletes the year and its semesters; a row that still refers to either refuses it (a foreign key
 * violation: in use), and the transaction rolls back.
 */
async function deleteUnused(trx: Db, yearId: number) {
	try {
		await trx.deleteFrom('school_years').where('id', '=', yearId).execute();
	} catch (err) {
		if ((err as { code?: string }).code === '23503') throw new DomainError('year_admin_in_use');
		throw err;
	}
}
