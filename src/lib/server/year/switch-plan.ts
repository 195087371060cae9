import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fieldError } from '../errors';

type Db = Kysely<Database>;

export interface YearRow {
	id: number;
	name: string;
	startsOn: string;
	isCurrent: boolean;
	version: number;
}

/** One pupil whose class changes: from their current class to their enrolment of the new year. */
export interface YearMove {
	studentId: number;
	schoolId: number;
	fromClassId: number | null;
	toClassId: number;
}

/** A class of the old current year whose active pupils have no class in the new year (not rolled over). */
export interface LeftClass {
	schoolId: number;
	classId: number;
	className: string;
	pupils: number;
}

export interface SchoolSwitch {
	schoolId: number;
	schoolName: string;
	moved: number;
	left: LeftClass[];
}

export interface SwitchPlan {
	current: YearRow | null;
	target: YearRow;
	moves: YearMove[];
	/** the schools of the caller's department with a change or a class left behind */
	schools: SchoolSwitch[];
	/** pupils of other departments' schools that move too (school years are the portal's) */
	otherMoved: number;
	left: number;
	signature: string;
}

/** The school years, newest first; `lock` takes them all `for update` (one switch at a time). */
export async function schoolYears(db: Db, lock = false): Promise<YearRow[]> {
	let query = db
		.selectFrom('school_years')
		.select(['id', 'name', 'starts_on as startsOn', 'is_current as isCurrent', 'version'])
		.orderBy('starts_on', 'desc');
	if (lock) query = query.forUpdate();
	return query.execute();
}

/** The years that may become current: those that start after the current one. */
export function switchTargets(years: YearRow[]): YearRow[] {
	const current = years.find((y) => y.isCurrent);
	return years.filter((y) => !current || y.startsOn > current.startsOn);
}

async function movesTo(db: Db, yearId: number): Promise<YearMove[]> {
	return db
		.selectFrom('student_enrolments as e')
		.innerJoin('students as st', 'st.id', 'e.student_id')
		.select([
			'st.id as studentId',
			'st.school_id as schoolId',
			'st.class_id as fromClassId',
			'e.class_id as toClassId'
		])
		.where('e.school_year_id', '=', yearId)
		.where('st.active', '=', true)
		.where(sql<boolean>`st.class_id is distinct from e.class_id`)
		.orderBy('st.id')
		.execute();
}

/** Classes of `currentId` whose active pupils have no enrolment in `targetId` (they would stay). */
async function leftBehind(db: Db, currentId: number, targetId: number): Promise<LeftClass[]> {
	return db
		.selectFrom('students as st')
		.innerJoin('classes as c', 'c.id', 'st.class_id')
		.select(['c.school_id as schoolId', 'c.id as classId', 'c.name as className'])
		.select((eb) => eb.fn.countAll<string>().as('pupils'))
		.where('c.school_year_id', '=', currentId)
		.where('st.active', '=', true)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('student_enrolments as ne')
						.select('ne.student_id')
						.whereRef('ne.student_id', '=', 'st.id')
						.where('ne.school_year_id', '=', targetId)
				)
			)
		)
		.groupBy(['c.school_id', 'c.id', 'c.name', 'c.grade', 'c.name_sort'])
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, pupils: Number(r.pupils) })));
}

function signatureOf(current: YearRow | null, target: YearRow, moves: YearMove[]): string {
	const hash = createHash('sha256');
	hash.update(`${current?.id ?? 0}:${current?.version ?? 0}>${target.id}:${target.version}|`);
	for (const m of moves) hash.update(`${m.studentId}:${m.fromClassId ?? ''}>${m.toClassId};`);
	return hash.digest('hex').slice(0, 32);
}

/**
 * What making `targetId` current would change: every active pupil enrolled in that year whose
 * class is not that enrolment's moves to it; the current year's pupils with no class in it stay
 * where they are (listed per class, so the department sees which schools have not rolled over).
 */
export async function switchPlan(
	db: Db,
	departmentId: number,
	targetId: number,
	lock = false
): Promise<SwitchPlan> {
	const years = await schoolYears(db, lock);
	const target = years.find((y) => y.id === targetId);
	if (!target) throw fieldError('yearId', 'year_switch_unknown');
	const current = years.find((y) => y.isCurrent) ?? null;
	if (target.isCurrent) throw fieldError('yearId', 'year_switch_already_current');
	if (!switchTargets(years).some((y) => y.id === targetId))
		throw fieldError('yearId', 'year_switch_not_later');
	const [moves, left, schools] = await Promise.all([
		movesTo(db, target.id),
		current ? leftBehind(db, current.id, target.id) : Promise.resolve([]),
		db
			.selectFrom('schools')
			.select(['id', 'name'])
			.where('department_id', '=', departmentId)
			.orderBy('name')
			.execute()
	]);
	const bySchool = new Map<number, SchoolSwitch>(
		schools.map((s) => [s.id, { schoolId: s.id, schoolName: s.name, moved: 0, left: [] }])
	);
	let otherMoved = 0;
	for (const m of moves) {
		const school = bySchool.get(m.schoolId);
		if (school) school.moved++;
		else otherMoved++;
	}
	for (const l of left) bySchool.get(l.schoolId)?.left.push(l);
	return {
		current,
		target,
		moves,
		schools: [...bySchool.values()].filter((s) => s.moved > 0 || s.left.length > 0),
		otherMoved,
		left: left.reduce((n, l) => n + l.pupils, 0),
		signature: signatureOf(current, target, moves)
	};
}
