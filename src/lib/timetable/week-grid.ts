/**
 * A class's or a teacher's week as a table for print (PDF): a row per period, a column per day,
 * each cell the subject and the other side (the teacher for a class, the class for a teacher).
 * Pure; relative imports only.
 */
export interface PrintCell {
	day: number;
	period: number;
	subject: string;
	detail: string;
}

/** `times`: the period's bell times under its number ("07:00–07:45", $lib/timetable/bells.ts). */
export function weekGridRows(
	cells: PrintCell[],
	days: number,
	periodsPerDay: number,
	times: readonly string[] = []
): string[][] {
	const at = new Map<string, string[]>();
	for (const c of cells) {
		const key = `${c.day}:${c.period}`;
		const text = c.detail ? `${c.subject}\n${c.detail}` : c.subject;
		at.set(key, [...(at.get(key) ?? []), text]);
	}
	return Array.from({ length: periodsPerDay }, (_, p) => [
		times[p] ? `${p + 1}\n${times[p]}` : String(p + 1),
		...Array.from({ length: days }, (_, d) => (at.get(`${d}:${p}`) ?? []).join('\n'))
	]);
}
