/**
 * Attendance per session (Circular 22, Art. 12: absences are counted in sessions). A roll records
 * only the absent pupils; everyone else was present. Pure functions; days are 'yyyy-mm-dd'.
 */
export const SESSIONS = ['morning', 'afternoon'] as const;
export type Session = (typeof SESSIONS)[number];
export const MARKS = ['present', 'excused', 'unexcused'] as const;
export type Mark = (typeof MARKS)[number];
export type Absence = Exclude<Mark, 'present'>;

/** The pupils who became absent (or whose absence changed kind) between two rolls of a session. */
export function newAbsences(
	before: ReadonlyMap<number, Absence>,
	after: ReadonlyMap<number, Absence>
): Array<{ studentId: number; status: Absence }> {
	const changed: Array<{ studentId: number; status: Absence }> = [];
	for (const [studentId, status] of after) {
		if (before.get(studentId) !== status) changed.push({ studentId, status });
	}
	return changed.sort((a, b) => a.studentId - b.studentId);
}

/** A roll is taken for today or a past day of the school year, never for a future day. */
export function rollDayProblem(
	day: string,
	today: string,
	year: { startsOn: string; endsOn: string }
): 'attendance_future_day' | 'attendance_outside_year' | null {
	if (day > today) return 'attendance_future_day';
	if (day < year.startsOn || day > year.endsOn) return 'attendance_outside_year';
	return null;
}
