import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema';

/**
 * Typed errors of the services. The action layer (`server/action`) maps them once for every
 * module: ConflictError to a "changed by someone else, reload" message (409, nothing saved),
 * DomainError to the text of its code beside its field or above the form (400). Missing or
 * out-of-scope rows are answered with a 404 by `auth/access` directly.
 */
export class ConflictError extends Error {
	constructor(
		public readonly entity: string,
		public readonly id: string | number
	) {
		super(`${entity} ${id} was changed by someone else`);
	}
}

export type ErrorParams = Record<string, string | number>;

/**
 * A business rule refused the change. `code` is a key of the error registry
 * (`$lib/i18n/errors`); `field`, when set, names the form field the message belongs beside.
 */
export class DomainError extends Error {
	constructor(
		public readonly code: string,
		public readonly params: ErrorParams = {},
		public readonly field?: string
	) {
		super(code);
	}
}

/** A rule refused one field of a form: `throw fieldError('code', 'roster_code_taken')`. */
export function fieldError(field: string, code: string, params: ErrorParams = {}): DomainError {
	return new DomainError(code, params, field);
}

/**
 * Several fields of one form refused at once (a form whose rules are checked together): each
 * message beside its field (`formFailure` sets them all). The first stands for the whole error
 * where one code is enough (`code`, `field`: the API, `plainFailure`).
 */
export class FieldErrors extends DomainError {
	constructor(public readonly errors: DomainError[]) {
		super(errors[0].code, errors[0].params, errors[0].field);
	}
}

/** The field errors of `problems` as one error to throw, or null when there is none. */
export function fieldErrors(
	problems: Array<{ field: string; code: string; params?: ErrorParams }>
): FieldErrors | null {
	if (!problems.length) return null;
	return new FieldErrors(problems.map((p) => fieldError(p.field, p.code, p.params)));
}

/** PostgreSQL unique_violation (a concurrent insert of the same value slipped past the check). */
export function isUniqueViolation(err: unknown): boolean {
	return (err as { code?: string })?.code === '23505';
}

/**
 * The form field and message of each unique constraint a user can run into, so that two people
 * saving the same code at once both get a field error (one of them after the database refused),
 * never a 500. Constraints not listed get a form-level "already exists".
 */
const UNIQUE_FIELDS: Record<string, { field: string; code: string }> = {
	schools_code_key: { field: 'code', code: 'roster_code_taken' },
	staff_school_id_code_key: { field: 'code', code: 'roster_code_taken' },
	staff_school_email_key: { field: 'email', code: 'roster_email_taken' },
	students_school_id_code_key: { field: 'code', code: 'roster_code_taken' },
	classes_school_id_school_year_id_name_key: { field: 'name', code: 'roster_class_name_taken' },
	users_email_key: { field: 'email', code: 'roster_email_in_use_here' },
	platforms_code_key: { field: 'code', code: 'v_duplicate' },
	rollout_waves_department_id_ordinal_key: { field: 'ordinal', code: 'rollout_wave_ordinal_taken' },
	checklist_templates_department_id_code_revision_key: { field: 'code', code: 'v_duplicate' },
	checklist_criteria_template_id_code_key: { field: 'code', code: 'v_duplicate' },
	departments_code_key: { field: 'code', code: 'v_duplicate' },
	areas_department_id_code_key: { field: 'code', code: 'v_duplicate' },
	school_years_name_key: { field: 'name', code: 'v_duplicate' },
	subjects_level_code_key: { field: 'code', code: 'v_duplicate' },
	school_checklists_school_id_template_id_key: { field: 'templateId', code: 'v_duplicate' },
	grade_corrections_one_pending: { field: 'column', code: 'grades_correction_pending' },
	timetable_covers_lesson_key: { field: 'staffId', code: 'timetable_cover_taken' },
	timetable_covers_teacher_key: { field: 'staffId', code: 'timetable_cover_taken' },
	timetable_rooms_name_key: { field: 'name', code: 'timetable_room_taken' },
	calendar_make_up_days_department_day: { field: 'day', code: 'calendar_make_up_taken' },
	calendar_make_up_days_school_day: { field: 'day', code: 'calendar_make_up_taken' }
};

/** The DomainError of a unique violation, or null when `err` is something else. */
export function uniqueViolationError(err: unknown): DomainError | null {
	if (!isUniqueViolation(err)) return null;
	const known = UNIQUE_FIELDS[(err as { constraint?: string }).constraint ?? ''];
	return known ? fieldError(known.field, known.code) : new DomainError('v_duplicate');
}

/**
 * A service's write transaction whose unique violations come out as the field's DomainError, so
 * that every caller (a form, the API, a test) sees the same "already exists" as the check before
 * the insert would have given, whoever won the race.
 */
export async function writeTransaction<T>(
	db: Kysely<Database>,
	work: (trx: Transaction<Database>) => Promise<T>
): Promise<T> {
	try {
		// a caller's transaction (a test's rolled-back one, a larger unit of work) is used as it is
		if (db.isTransaction) return await work(db as Transaction<Database>);
		return await db.transaction().execute(work);
	} catch (err) {
		throw uniqueViolationError(err) ?? err;
	}
}
