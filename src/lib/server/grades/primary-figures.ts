import { sql, type Kysely } from 'kysely';
import { compareVi } from '$lib/collation';
import type { PrimaryResult } from '$lib/grades/primary';
import { schoolWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import type { GradeFigureFilters } from './figures';

type Db = Kysely<Database>;

/**
 * Primary (Circular 27) figures for the department and an area office: per school and grade 1–5,
 * the active pupils of the current year's classes and how many are at each year result (Hoàn
 * thành xuất sắc / tốt / Hoàn thành / Chưa hoàn thành; `pending`: no result yet). Counts only, no
 * pupil names. The same pupils and results as the school's class summary (`primaryClassSummary`
 * at `year`): active pupils of the class, their stored `primary_year_results`. One grouped query
 * whatever the number of schools.
 */
export const PRIMARY_RESULTS: readonly PrimaryResult[] = [
	'xuat_sac',
	'tot',
	'hoan_thanh',
	'chua_hoan_thanh'
];

export interface PrimaryFigureRow {
	schoolId: number;
	schoolName: string;
	areaName: string;
	grade: number;
	pupils: number;
	results: Record<PrimaryResult | 'pending', number>;
}

interface SqlRow {
	school_id: number;
	school_name: string;
	area_name: string;
	grade: number;
	pupils: string;
	pending: string;
	[key: string]: string | number;
}

export async function primaryFigures(
	db: Db,
	principal: Principal,
	filters: Pick<GradeFigureFilters, 'area' | 'grade'>
): Promise<PrimaryFigureRow[]> {
	if (filters.grade !== null && filters.grade > 5) return [];
	const parts = [schoolWhere(principal, 'grades.figures', 'sch')];
	if (filters.area !== null) parts.push(sql`sch.area_id = ${filters.area}`);
	if (filters.grade !== null) parts.push(sql`c.grade = ${filters.grade}`);
	const counts = sql.join(
		PRIMARY_RESULTS.map(
			(r) => sql`count(r.result) filter (where r.result = ${r}) as ${sql.ref(r)}`
		),
		sql`, `
	);
	const { rows } = await sql<SqlRow>`
		select sch.id as school_id, sch.name as school_name, a.name as area_name, c.grade,
			count(*) as pupils, ${counts}, count(*) filter (where r.result is null) as pending
		from students st
		join classes c on c.id = st.class_id and c.active and c.grade between 1 and 5
		join school_years y on y.id = c.school_year_id and y.is_current
		join schools sch on sch.id = c.school_id
		join areas a on a.id = sch.area_id
		left join primary_year_results r on r.student_id = st.id and r.school_year_id = y.id
		where st.active and ${sql.join(parts, sql` and `)}
		group by sch.id, sch.name, a.name, c.grade`.execute(db);
	return rows
		.map((r) => ({
			schoolId: r.school_id,
			schoolName: r.school_name,
			areaName: r.area_name,
			grade: r.grade,
			pupils: Number(r.pupils),
			results: {
				xuat_sac: Number(r.xuat_sac),
				tot: Number(r.tot),
				hoan_thanh: Number(r.hoan_thanh),
				chua_hoan_thanh: Number(r.chua_hoan_thanh),
				pending: Number(r.pending)
			}
		}))
		.sort((a, b) => compareVi(a.schoolName, b.schoolName) || a.grade - b.grade);
}

/** The sums of the rows (the "total" line). */
export function primaryTotals(
	rows: PrimaryFigureRow[]
): Pick<PrimaryFigureRow, 'pupils' | 'results'> {
	const total = {
		pupils: 0,
		results: { xuat_sac: 0, tot: 0, hoan_thanh: 0, chua_hoan_thanh: 0, pending: 0 }
	};
	for (const r of rows) {
		total.pupils += r.pupils;
		for (const k of Object.keys(total.results) as Array<keyof typeof total.results>)
			total.results[k] += r.results[k];
	}
	return total;
}
