import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';

type Db = Kysely<Database>;

/**
 * A periodic test removed from the school's table must not hide scores already entered: the
 * grid, the card and the year result read only the tests the table has, so those scores would
 * vanish from every page while still stored. The removal is refused instead, naming the subject,
 * the grade and how many scores: the teachers clear them first (or the school keeps the test).
 */
export interface TestRemoval {
	grade: number;
	subjectId: number;
	/** the test at the end of term I and of the year is removed */
	end: boolean;
	/** the mid-term I and II test is removed */
	mid: boolean;
}

const END = ['end1', 'year'] as const;
const MID = ['mid1', 'mid2'] as const;

/** Throws `primary_test_remove_has_scores` for the first removal with stored scores. One query. */
export async function refuseRemovalWithScores(
	trx: Db,
	schoolId: number,
	schoolYearId: number,
	removals: TestRemoval[]
): Promise<void> {
	const wanted = removals.filter((r) => r.end || r.mid);
	if (!wanted.length) return;
	const rows = await trx
		.selectFrom('primary_assessments as pa')
		.innerJoin('classes as c', 'c.id', 'pa.class_id')
		.innerJoin('subjects as s', 's.id', 'pa.subject_id')
		.select([
			'c.grade',
			'pa.subject_id',
			's.name_vi',
			's.name_en',
			sql<boolean>`pa.checkpoint in ('end1', 'year')`.as('at_end'),
			(eb) => eb.fn.countAll<string>().as('n')
		])
		.where('pa.school_id', '=', schoolId)
		.where('pa.school_year_id', '=', schoolYearId)
		.where('pa.test_score', 'is not', null)
		.where('pa.checkpoint', 'in', [...END, ...MID])
		.where('c.grade', 'in', [...new Set(wanted.map((r) => r.grade))])
		.where('pa.subject_id', 'in', [...new Set(wanted.map((r) => r.subjectId))])
		.groupBy(['c.grade', 'pa.subject_id', 's.name_vi', 's.name_en', 'at_end'])
		.execute();
	for (const r of wanted) {
		for (const atEnd of [true, false]) {
			if (atEnd ? !r.end : !r.mid) continue;
			const hit = rows.find(
				(x) => x.grade === r.grade && x.subject_id === r.subjectId && x.at_end === atEnd
			);
			if (hit && Number(hit.n) > 0)
				throw new DomainError('primary_test_remove_has_scores', {
					count: Number(hit.n),
					grade: r.grade,
					subjectVi: hit.name_vi,
					subjectEn: hit.name_en,
					test: atEnd ? 'end' : 'mid'
				});
		}
	}
}
