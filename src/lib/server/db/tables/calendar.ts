import type { Generated } from 'kysely';
import type { Timestamp } from '../schema';

/** Days without school in a school year: the department's holidays, a school's closures (0323). */
export interface CalendarDaysOffTable {
	id: Generated<number>;
	school_year_id: number;
	department_id: number | null;
	school_id: number | null;
	starts_on: string;
	ends_on: string;
	name: string;
	created_by: number | null;
	created_at: Generated<Timestamp>;
}

/** Make-up school days: a weekend or a day off declared a school day (0390). */
export interface CalendarMakeUpDaysTable {
	id: Generated<number>;
	school_year_id: number;
	department_id: number | null;
	school_id: number | null;
	day: string;
	name: string;
	created_by: number | null;
	created_at: Generated<Timestamp>;
}

export interface CalendarTables {
	calendar_days_off: CalendarDaysOffTable;
	calendar_make_up_days: CalendarMakeUpDaysTable;
}
