import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { GradeColumn } from '../db/tables/grades';
import { commentRowResult, gradebookRowAverage } from '../../grades/gradebook';
import { regularAssessmentCount } from '../../grades/plan';
import { recomputeYearSummaries } from '../grades/summaries';
import type { PilotRoster } from './rosters';
import { Random } from './random';
import type { SeedContext } from './index';

/**
 * The finished previous school year of the two pilot schools (issue 11, demo seed): every pupil
 * of grades 7–9 (THCS) and 11–12 (THPT) was last year in the class of the grade below (8A was
 * 7A), with a whole year of scores, conduct, the year summaries computed by the same rules as the
 * portal's, a few summer re-tests, one repeater per school, every checkpoint locked and published,
 * and the rollover recorded. Last year's grades 9 and 12 left the school and are not in the roster.
 * Its own PRNG, so the other seeds' figures do not move. Plain relative imports (npm run db:seed).
 */
type Db = Kysely<Database>;
const CHUNK = 1000;

interface LastYearClass {
	id: number;
	grade: number;
	sourceId: number;
}

export async function seedPreviousYear(db: Db, ctx: SeedContext): Promise<void> {
	const rng = new Random(20252026);
	const year = await db
		.selectFrom('school_years')
		.select(['id', 'starts_on', 'ends_on'])
		.where('is_current', '=', false)
		.orderBy('starts_on', 'desc')
		.executeTakeFirst();
	if (!year) return;
	const semesters = await db
		.selectFrom('semesters')
		.select(['id', 'number'])
		.where('school_year_id', '=', year.id)
		.orderBy('number')
		.execute();
	for (const [pilot, admin] of [
		[ctx.pilots.quangTrung, ctx.users['quangtrung.admin@demo.example']],
		[ctx.pilots.nguyenTatThanh, ctx.users['nguyentatthanh.admin@demo.example']]
	] as const) {
		const classes = await lastYearClasses(db, pilot, year.id);
		const pupils = enrol(rng, pilot, classes);
		await insertChunks(db, 'student_enrolments', [
			...[...pupils.entries()].map(([studentId, cls]) => ({
				school_id: pilot.schoolId,
				student_id: studentId,
				school_year_id: year.id,
				class_id: cls.id
			}))
		]);
		const repeaters = repeatersOf(pilot, pupils);
		for (const cls of classes) {
			const ids = [...pupils.entries()].filter(([, c]) => c.id === cls.id).map(([id]) => id);
			const schoolId = pilot.schoolId;
			await seedClassYear(db, rng, {
				cls,
				ids,
				repeaters,
				semesters,
				yearId: year.id,
				admin,
				schoolId,
				rolledOver: true
			});
		}
		await db
			.insertInto('class_rollovers')
			.values(
				classes.map((c) => ({
					school_id: pilot.schoolId,
					class_id: c.id,
					target_year_id: ctx.schoolYearId,
					moved: [...pupils.values()].filter((p) => p.id === c.id).length,
					committed_by: admin,
					committed_at: new Date(`${year.ends_on}T10:00:00+07:00`)
				}))
			)
			.execute();
		await lockAndPublish(db, pilot.schoolId, year, classes, admin);
	}
}

/** Last year's classes: one per current class above the entry grade, named for the grade below. */
async function lastYearClasses(db: Db, pilot: PilotRoster, yearId: number) {
	const entry = Math.min(...pilot.classes.map((c) => c.grade));
	const sources = pilot.classes.filter((c) => c.grade > entry);
	const rows = await db
		.insertInto('classes')
		.values(
			sources.map((c) => ({
				school_id: pilot.schoolId,
				school_year_id: yearId,
				grade: c.grade - 1,
				name: c.name.replace(/^\d+/, String(c.grade - 1)),
				homeroom_staff_id: c.homeroomStaffId
			}))
		)
		.returning(['id', 'grade'])
		.execute();
	const classes = rows.map((r, i) => ({ ...r, sourceId: sources[i].id }));
	// the subjects of last year's class: those of the class it became (the same teachers)
	await sql`insert into teaching_assignments (class_id, subject_id, staff_id, school_id)
		select l.id, ta.subject_id, ta.staff_id, ta.school_id
		from unnest(${classes.map((c) => c.id)}::int[], ${classes.map((c) => c.sourceId)}::int[])
			as l(id, source_id)
		join teaching_assignments ta on ta.class_id = l.source_id`.execute(db);
	return classes;
}

/**
 * Each pupil's class of last year: the class below their own; one pupil per school repeated a
 * grade instead (last year in a class of the grade they are in now).
 */
function enrol(rng: Random, pilot: PilotRoster, classes: LastYearClass[]) {
	const bySource = new Map(classes.map((c) => [c.sourceId, c]));
	const pupils = new Map<number, LastYearClass>();
	for (const st of pilot.students) {
		const cls = bySource.get(st.classId);
		if (cls) pupils.set(st.id, cls);
	}
	const gradeOf = new Map(pilot.classes.map((c) => [c.id, c.grade]));
	const candidates = pilot.students.filter((st) => {
		const g = gradeOf.get(st.classId)!;
		return bySource.has(st.classId) && classes.some((c) => c.grade === g);
	});
	const repeater = candidates[rng.int(0, candidates.length - 1)];
	if (repeater) {
		const g = gradeOf.get(repeater.classId)!;
		pupils.set(repeater.id, rng.pick(classes.filter((c) => c.grade === g)));
	}
	return pupils;
}

/** The pupils enrolled last year in a class of the grade they are in now. */
function repeatersOf(pilot: PilotRoster, pupils: Map<number, LastYearClass>) {
	const gradeOf = new Map(pilot.classes.map((c) => [c.id, c.grade]));
	return new Set(
		pilot.students
			.filter((st) => pupils.get(st.id)?.grade === gradeOf.get(st.classId))
			.map((st) => st.id)
	);
}

async function classPlans(db: Db, classId: number) {
	return db
		.selectFrom('teaching_assignments as ta')
		.innerJoin('classes as c', 'c.id', 'ta.class_id')
		.innerJoin('subjects as s', 's.id', 'ta.subject_id')
		.innerJoin('subject_periods as sp', (j) =>
			j.onRef('sp.subject_id', '=', 's.id').onRef('sp.grade', '=', 'c.grade')
		)
		.select(['s.id', 's.assessment', 'sp.periods_per_year as periods'])
		.where('ta.class_id', '=', classId)
		.where('s.level', 'in', ['THCS', 'THPT'])
		.where('sp.periods_per_year', '>', 0)
		.execute();
}

export interface ClassYear {
	cls: { id: number };
	ids: number[];
	/** weak all year, failed the summer re-tests: repeat the grade */
	repeaters: Set<number>;
	/** weak all year, summer re-tests not sat yet: undecided (a class left to roll over) */
	pending?: Set<number>;
	/** write each enrolment's outcome (the class was rolled over) */
	rolledOver: boolean;
	semesters: { id: number; number: number }[];
	yearId: number;
	admin: number;
	schoolId: number;
}

/** A class's whole year: scores and results of both semesters, conduct, summaries, re-tests. */
export async function seedClassYear(db: Db, rng: Random, o: ClassYear) {
	const plans = await classPlans(db, o.cls.id);
	const failing = (id: number) => o.repeaters.has(id) || !!o.pending?.has(id);
	const ability = new Map(o.ids.map((id) => [id, failing(id) ? 2.6 : rng.int(58, 92) / 10]));
	// a few weak pupils: a subject under 3.5 sends them to the summer re-test
	const weak = new Set(o.ids.filter(() => rng.chance(0.03)));
	const firstScored = plans.find((p) => p.assessment === 'score');
	const scores: Insertable<Database['grade_scores']>[] = [];
	const results: Insertable<Database['grade_results']>[] = [];
	for (const sem of o.semesters) {
		for (const plan of plans) {
			const regularCount = regularAssessmentCount({
				assessment: plan.assessment,
				periodsPerYear: plan.periods
			});
			const columns: GradeColumn[] = [
				...Array.from({ length: regularCount }, (_, i) => `tx${i + 1}` as const),
				'gk',
				'ck'
			];
			for (const id of o.ids) {
				const low = weak.has(id) && plan === firstScored;
				const level = low ? 2.5 : ability.get(id)! + rng.int(-10, 10) / 10;
				const cell = () => Math.max(0, Math.min(100, Math.round(level * 10) + rng.int(-8, 8))) / 10;
				const values = columns.map(() => cell());
				const passed = !failing(id);
				const base = {
					student_id: id,
					subject_id: plan.id,
					semester_id: sem.id,
					class_id: o.cls.id
				};
				columns.forEach((column_key, i) =>
					scores.push({
						...base,
						column_key,
						value: plan.assessment === 'score' ? values[i] : null,
						state: plan.assessment === 'score' ? 'value' : passed ? 'dat' : 'chua_dat',
						updated_by: o.admin,
						updated_at: new Date()
					})
				);
				results.push({ ...base, ...resultOf(plan.assessment, values, regularCount, passed) });
			}
		}
	}
	await insertChunks(db, 'grade_scores', scores);
	await insertChunks(db, 'grade_results', results);
	await insertChunks(
		db,
		'grade_conduct',
		o.ids.flatMap((id) =>
			(['1', '2'] as const).map((term) => ({
				school_id: o.schoolId,
				class_id: o.cls.id,
				student_id: id,
				school_year_id: o.yearId,
				term,
				level: failing(id) ? 'dat' : rng.chance(0.8) ? 'tot' : 'kha',
				updated_by: o.admin,
				updated_at: new Date()
			}))
		)
	);
	await summerRetests(db, o, plans);
}

function resultOf(
	assessment: 'score' | 'comment',
	values: number[],
	regularCount: number,
	passed: boolean
) {
	const now = new Date();
	if (assessment === 'comment') {
		const cells = values.map(() => (passed ? 'dat' : 'chua_dat') as 'dat' | 'chua_dat');
		const r = commentRowResult(
			{ regular: cells.slice(0, regularCount), midterm: cells.at(-2)!, final: cells.at(-1)! },
			{ regularCount }
		);
		return {
			status: 'ok' as const,
			average: null,
			passed: r.status === 'ok' ? r.passed : null,
			missing: [],
			updated_at: now
		};
	}
	const r = gradebookRowAverage(
		{ regular: values.slice(0, regularCount), midterm: values.at(-2)!, final: values.at(-1)! },
		{ regularCount }
	);
	return {
		status: 'ok' as const,
		average: r.status === 'ok' ? r.average : null,
		passed: null,
		missing: [],
		updated_at: now
	};
}

/**
 * The year summaries by the portal's rules; the pupils sent to the summer re-test then sat it
 * (passed, except the repeater), and the summaries are computed again with the re-test results.
 */
async function summerRetests(db: Db, o: ClassYear, plans: Awaited<ReturnType<typeof classPlans>>) {
	await recomputeYearSummaries(db, o.cls.id);
	const retests = await db
		.selectFrom('grade_year_summaries')
		.select(['student_id', 'retest_subject_ids', 'school_id'])
		.where('class_id', '=', o.cls.id)
		.where('school_year_id', '=', o.yearId)
		.execute();
	const sat = retests.filter((r) => !o.pending?.has(r.student_id));
	const rows = sat.flatMap((r) =>
		r.retest_subject_ids.map((subjectId) => {
			const scored = plans.find((p) => p.id === subjectId)?.assessment === 'score';
			const pass = !o.repeaters.has(r.student_id);
			return {
				school_id: r.school_id,
				class_id: o.cls.id,
				student_id: r.student_id,
				school_year_id: o.yearId,
				subject_id: subjectId,
				value: scored ? (pass ? 6 : 3) : null,
				passed: scored ? null : pass,
				updated_by: o.admin,
				updated_at: new Date()
			};
		})
	);
	if (rows.length) {
		await insertChunks(db, 'grade_retests', rows);
		await recomputeYearSummaries(db, o.cls.id, [...new Set(rows.map((r) => r.student_id))]);
	}
	if (!o.rolledOver) return;
	// the rollover's record of what became of each pupil
	await sql`update student_enrolments e set outcome =
			case when y.final_decision = 'repeat' or y.decision = 'repeat' then 'repeat' else 'promoted' end
		from grade_year_summaries y
		where y.student_id = e.student_id and y.school_year_id = e.school_year_id
			and e.class_id = ${o.cls.id}`.execute(db);
}

/** Every checkpoint of last year closed and locked, and published to the families. */
async function lockAndPublish(
	db: Db,
	schoolId: number,
	year: { id: number; starts_on: string; ends_on: string },
	classes: LastYearClass[],
	admin: number
) {
	const y0 = Number(year.starts_on.slice(0, 4));
	const dates = {
		mid1: [`${y0}-10-20`, `${y0}-11-10`, `${y0}-11-20`],
		end1: [`${y0 + 1}-01-02`, `${y0 + 1}-01-15`, `${y0 + 1}-01-25`],
		mid2: [`${y0 + 1}-03-10`, `${y0 + 1}-03-25`, `${y0 + 1}-04-05`],
		year: [`${y0 + 1}-05-05`, `${y0 + 1}-05-25`, `${y0 + 1}-06-05`]
	} as const;
	const checkpoints = Object.keys(dates) as (keyof typeof dates)[];
	await db
		.insertInto('grade_checkpoints')
		.values(
			checkpoints.map((checkpoint) => ({
				school_id: schoolId,
				school_year_id: year.id,
				checkpoint,
				opens_on: dates[checkpoint][0],
				closes_on: dates[checkpoint][1],
				locks_on: dates[checkpoint][2],
				updated_by: admin,
				updated_at: new Date()
			}))
		)
		.execute();
	await db
		.insertInto('grade_publications')
		.values(
			classes.flatMap((c) =>
				checkpoints.map((checkpoint) => ({
					class_id: c.id,
					checkpoint,
					published_by: admin,
					published_at: new Date(`${dates[checkpoint][2]}T09:00:00+07:00`)
				}))
			)
		)
		.execute();
}

type Seeded =
	'student_enrolments' | 'grade_scores' | 'grade_results' | 'grade_conduct' | 'grade_retests';

async function insertChunks<T extends Seeded>(db: Db, table: T, rows: Insertable<Database[T]>[]) {
	for (let i = 0; i < rows.length; i += CHUNK) {
		await db
			.insertInto(table)
			.values(rows.slice(i, i + CHUNK) as never)
			.execute();
	}
}
