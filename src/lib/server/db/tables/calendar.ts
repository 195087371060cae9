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

export interface CalendarTables {
	calendar_days_off: CalendarDaysOffTable;
}
