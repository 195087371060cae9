import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { periodLabels } from '../../timetable/bells';
import { schoolGrid, type SchoolGrid, type SchoolGridCell } from '../../timetable/school-grid';
import { savedBells } from './bells';

/**
 * A version as the whole-school grid (the version page's `?view=school` and its XLSX/CSV export),
 * each row with its clock time when the school saved its bell times; without saved bells the grid
 * is what it was before bells existed (no time column).
 */
export async function schoolTimetableGrid(
	db: Kysely<Database>,
	schoolId: number,
	version: { days: number; periodsPerDay: number },
	cells: SchoolGridCell[],
	subject: (c: SchoolGridCell) => string
): Promise<SchoolGrid> {
	const bells = await savedBells(db, schoolId);
	const times = bells ? periodLabels(bells, version.periodsPerDay) : null;
	return schoolGrid(cells, version.days, version.periodsPerDay, subject, times);
}
