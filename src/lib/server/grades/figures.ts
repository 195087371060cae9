import { sql, type Kysely } from 'kysely';
import { LEVELS, type Level } from '$lib/grades/secondary';
import { compareVi } from '$lib/collation';
import { todayIso } from '$lib/dates';
import { schoolWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/**
 * Grade figures for the department (the province) and an area office (its area): per school and
 * grade, pupils at each learning and conduct level, promotion / re-test / repeat rates and the
 * gradebooks not finished after the end-of-term deadline. Counts only (no pupil names), read from
 * the stored results (`grade_year_summaries`, `grade_results`) of the current school year and
 * aggregated in SQL; never from the raw scores.
 */
export type FigureTerm = '1' | '2' | 'year';

export interface GradeFigureFilters {
	area: number | null;
	grade: number | null;
	term: FigureTerm;
}

export type LevelCounts = Record<Level | 'none', number>;

export interface GradeFigureRow {
	schoolId: number;
	schoolName: string;
	areaName: string;
	grade: number;
	pupils: number;
	learning: LevelCounts;
	conduct: LevelCounts;
	/** pupils with a year-end decision, and of them promoted (after the summer), re-test, repeat */
	decided: number;
	promoted: number;
	retest: number;
	repeat: number;
	/** gradebooks (class x subject x semester) with missing results after the end-of-term deadline */
	lateBooks: number;
}

const COLUMNS: Record<FigureTerm, { learning: string; conduct: string }> = {
	'1': { learning: 'learning1', conduct: 'conduct1' },
	'2': { learning: 'learning2', conduct: 'conduct2' },
	year: { learning: 'learning_year', conduct: 'conduct_year' }
};

interface SqlRow {
	school_id: number;
	school_name: string;
	area_name: string;
	grade: number;
	pupils: string;
	decided: string;
	promoted: string;
	retest: string;
	repeat: string;
	[key: string]: string | number;
}

function levelCounts(row: SqlRow, prefix: 'l' | 'c'): LevelCounts {
	const counts = { none: Number(row[`${prefix}_none`]) } as LevelCounts;
	for (const level of LEVELS) counts[level] = Number(row[`${prefix}_${level}`]);
	return counts;
}

function levelSelects(column: string, prefix: 'l' | 'c') {
	const ref = sql.ref(`g.${column}`);
	return sql.join(
		[
			...LEVELS.map(
				(level) =>
					sql`count(*) filter (where ${ref} = ${level}) as ${sql.ref(`${prefix}_${level}`)}`
			),
			sql`count(*) filter (where ${ref} is null) as ${sql.ref(`${prefix}_none`)}`
		],
		sql`, `
	);
}

function scopeWhere(principal: Principal, filters: GradeFigureFilters) {
	const parts = [schoolWhere(principal, 'grades.figures', 'sch')];
	if (filters.area !== null) parts.push(sql`sch.area_id = ${filters.area}`);
	if (filters.grade !== null) parts.push(sql`c.grade = ${filters.grade}`);
	return sql.join(parts, sql` and `);
}

async function levelRows(db: Db, principal: Principal, filters: GradeFigureFilters) {
	const cols = COLUMNS[filters.term];
	const decision = sql`coalesce(g.final_decision, g.decision)`;
	const { rows } = await sql<SqlRow>`
		select sch.id as school_id, sch.name as school_name, a.name as area_name, c.grade,
			count(*) as pupils, ${levelSelects(cols.learning, 'l')}, ${levelSelects(cols.conduct, 'c')},
			count(*) filter (where g.decision is not null) as decided,
			count(*) filter (where ${decision} = 'promoted') as promoted,
			count(*) filter (where g.decision in ('summer_retest', 'summer_conduct_training_and_retest')) as retest,
			count(*) filter (where ${decision} = 'repeat') as repeat
		from grade_year_summaries g
		join school_years y on y.id = g.school_year_id and y.is_current
		-- Circular 22 only: a primary pupil's row (from a roll) is counted by primary-figures.ts
		join classes c on c.id = g.class_id and c.grade >= 6
		join schools sch on sch.id = g.school_id
		join areas a on a.id = sch.area_id
		where ${scopeWhere(principal, filters)}
		group by sch.id, sch.name, a.name, c.grade`.execute(db);
	return rows;
}

/** Gradebooks whose end-of-term entry deadline has passed with fewer finished results than pupils. */
async function lateBooks(db: Db, principal: Principal, filters: GradeFigureFilters) {
	const semesterFilter =
		filters.term === 'year' ? sql`true` : sql`sem.number = ${Number(filters.term)}`;
	const { rows } = await sql<{ school_id: number; grade: number; late: string }>`
		with books as (
			select ta.school_id, c.grade, ta.class_id, ta.subject_id, sem.id as semester_id
			from teaching_assignments ta
			-- Circular 22 gradebooks only: primary classes (grades 1-5) are assessed by Circular 27
			join classes c on c.id = ta.class_id and c.active and c.grade >= 6
			join schools sch on sch.id = ta.school_id
			join school_years y on y.id = c.school_year_id and y.is_current
			join semesters sem on sem.school_year_id = y.id and ${semesterFilter}
			join grade_checkpoints gc on gc.school_id = ta.school_id and gc.school_year_id = y.id
				and gc.checkpoint = case when sem.number = 1 then 'end1' else 'year' end
				and gc.closes_on < ${todayIso()}
			where ${scopeWhere(principal, filters)}
		), pupils as (
			select st.class_id, count(*) as n from students st
			where st.active and st.class_id in (select class_id from books) group by st.class_id
		), done as (
			select r.class_id, r.subject_id, r.semester_id, count(*) as n from grade_results r
			where r.status in ('ok', 'exempt') and r.class_id in (select class_id from books)
			group by r.class_id, r.subject_id, r.semester_id
		)
		select b.school_id, b.grade, count(*) as late
		from books b
		left join pupils p on p.class_id = b.class_id
		left join done d on d.class_id = b.class_id and d.subject_id = b.subject_id
			and d.semester_id = b.semester_id
		where coalesce(d.n, 0) < coalesce(p.n, 0)
		group by b.school_id, b.grade`.execute(db);
	return new Map(rows.map((r) => [`${r.school_id}:${r.grade}`, Number(r.late)]));
}

export async function gradeFigures(
	db: Db,
	principal: Principal,
	filters: GradeFigureFilters
): Promise<GradeFigureRow[]> {
	const [rows, late] = await Promise.all([
		levelRows(db, principal, filters),
		lateBooks(db, principal, filters)
	]);
	return rows
		.map((r) => ({
			schoolId: r.school_id,
			schoolName: r.school_name,
			areaName: r.area_name,
			grade: r.grade,
			pupils: Number(r.pupils),
			learning: levelCounts(r, 'l'),
			conduct: levelCounts(r, 'c'),
			decided: Number(r.decided),
			promoted: Number(r.promoted),
			retest: Number(r.retest),
			repeat: Number(r.repeat),
			lateBooks: late.get(`${r.school_id}:${r.grade}`) ?? 0
		}))
		.sort((a, b) => compareVi(a.schoolName, b.schoolName) || a.grade - b.grade);
}

/** The sums of the rows (the "total" line). */
export function figureTotals(
	rows: GradeFigureRow[]
): Omit<GradeFigureRow, 'schoolId' | 'schoolName' | 'areaName' | 'grade'> {
	const zero = (): LevelCounts => ({ tot: 0, kha: 0, dat: 0, chua_dat: 0, none: 0 });
	const total = {
		pupils: 0,
		learning: zero(),
		conduct: zero(),
		decided: 0,
		promoted: 0,
		retest: 0,
		repeat: 0,
		lateBooks: 0
	};
	for (const r of rows) {
		for (const k of ['pupils', 'decided', 'promoted', 'retest', 'repeat', 'lateBooks'] as const)
			total[k] += r[k];
		for (const k of Object.keys(total.learning) as Array<keyof LevelCounts>) {
			total.learning[k] += r.learning[k];
			total.conduct[k] += r.conduct[k];
		}
	}
	return total;
}
