import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import { isPrimaryGrade, PRIMARY_PERIODIC_TESTS, type GradeTests } from '$lib/grades/primary-tests';
import type { Database } from '../db/schema';
import { primarySubjects, type PrimarySubject } from './classes';

type Db = Kysely<Database>;

/**
 * The periodic tests of a grade at one school and year (Circular 27, Art. 7): the default table of
 * primary-tests.ts with the school's rows of `primary_test_plans` (0330) laid over it. Every read
 * and write of primary assessments of a class goes through `classSubjects`, so the grid, the save,
 * the year result and the parent's view agree with the admin's table.
 */
export async function schoolGradePlan(
	db: Db,
	schoolId: number,
	schoolYearId: number,
	grade: number
): Promise<GradeTests | undefined> {
	if (!isPrimaryGrade(grade)) return undefined;
	const rows = await db
		.selectFrom('primary_test_plans as p')
		.innerJoin('subjects as s', 's.id', 'p.subject_id')
		.select(['s.code', 'p.at_end', 'p.at_mid'])
		.where('p.school_id', '=', schoolId)
		.where('p.school_year_id', '=', schoolYearId)
		.where('p.grade', '=', grade)
		.execute();
	return planWith(PRIMARY_PERIODIC_TESTS[grade], rows);
}

/** The default table of a grade with the school's rows over it (undefined: no row, the default). */
export function planWith(
	base: GradeTests,
	rows: Array<{ code: string; at_end: boolean; at_mid: boolean }>
): GradeTests | undefined {
	if (!rows.length) return undefined;
	const over = new Map(rows.map((r) => [r.code, r]));
	const pick = (list: readonly string[], key: 'at_end' | 'at_mid') => [
		...list.filter((code) => !over.has(code)),
		...rows.filter((r) => r[key]).map((r) => r.code)
	];
	return { end: pick(base.end, 'at_end'), mid: pick(base.mid, 'at_mid') };
}

/** A class's subjects at a checkpoint, marked tested by its school's table. */
export async function classSubjects(
	db: Db,
	cls: { schoolId: number; schoolYearId: number; grade: number },
	checkpoint: Checkpoint
): Promise<PrimarySubject[]> {
	const plan = await schoolGradePlan(db, cls.schoolId, cls.schoolYearId, cls.grade);
	return primarySubjects(db, cls.grade, checkpoint, plan);
}
