/**
 * The whole school on one grid (pure): a row per day and period, a column per class, each cell the
 * subject and teacher of that class then. Used by the version page's school view and the XLSX/CSV
 * export of a version. With the school's bell times (`times`), each row carries its clock time.
 */
export interface SchoolGridCell {
	day: number;
	period: number;
	kind: 'lesson' | 'flag' | 'meeting';
	classId: number;
	className: string;
	subjectName: string;
	teacherName: string;
}

export interface SchoolGrid {
	classes: { id: number; name: string }[];
	/** each period's clock time ("07:00–07:45"), null when the school set no bell times */
	times: string[] | null;
	rows: { day: number; period: number; entries: (string | null)[] }[];
}

const byName = new Intl.Collator('vi', { numeric: true });

/** `subject(cell)` names a cell's subject (Chào cờ, Sinh hoạt lớp or the subject). */
export function schoolGrid(
	cells: SchoolGridCell[],
	days: number,
	periodsPerDay: number,
	subject: (c: SchoolGridCell) => string,
	times: string[] | null = null
): SchoolGrid {
	const classes = [...new Map(cells.map((c) => [c.classId, c.className]))]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => byName.compare(a.name, b.name));
	const column = new Map(classes.map((c, i) => [c.id, i]));
	const rows: SchoolGrid['rows'] = [];
	for (let day = 0; day < days; day++)
		for (let period = 0; period < periodsPerDay; period++)
			rows.push({ day, period, entries: classes.map(() => null) });
	for (const c of cells) {
		if (c.day >= days || c.period >= periodsPerDay) continue;
		rows[c.day * periodsPerDay + c.period].entries[column.get(c.classId)!] =
			`${subject(c)} (${c.teacherName})`;
	}
	return { classes, times: times ? times.slice(0, periodsPerDay) : null, rows };
}
