import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { YearDecisionValue } from '../db/tables/homeroom';
import { refreshSchoolCounts } from '../roster/context';
import type { SeedContext } from './index';

/**
 * One class of the finished school year 2025-2026 at Quang Trung left to roll over (issue 11, year
 * rollover): 7A with six pupils, its promotion list (promoted, one repeater, one still in summer
 * re-tests) and the year published, so the admin's rollover page and last year's report card have
 * something to show. Not the whole finished year (results, awards) the issue asks for.
 * Plain relative imports: `npm run db:seed` runs without the $lib alias.
 */
const PUPILS: Array<[string, YearDecisionValue, 'tot' | 'kha' | 'dat' | 'chua_dat']> = [
	['Hoàng Minh Anh', 'promoted', 'tot'],
	['Lò Văn Bảo', 'promoted', 'kha'],
	['Đinh Thị Cúc', 'promoted', 'kha'],
	['Vàng A Dình', 'promoted', 'dat'],
	['Sùng Thị Mai', 'repeat', 'chua_dat'],
	['Nông Văn Sơn', 'summer_retest', 'chua_dat']
];

export async function seedFinishedYear(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const year = await db
		.selectFrom('school_years')
		.select('id')
		.where('name', '=', '2025-2026')
		.executeTakeFirst();
	if (!year) return;
	const schoolId = ctx.pilots.quangTrung.schoolId;
	const cls = await db
		.insertInto('classes')
		.values({ school_id: schoolId, school_year_id: year.id, grade: 7, name: '7A' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const pupils = await db
		.insertInto('students')
		.values(
			PUPILS.map(([name], i) => ({
				school_id: schoolId,
				class_id: cls.id,
				code: `QT25-${String(i + 1).padStart(3, '0')}`,
				full_name: name
			}))
		)
		.returning('id')
		.execute();
	await db
		.insertInto('grade_year_summaries')
		.values(
			pupils.map((p, i) => {
				const [, decision, learning] = PUPILS[i];
				return {
					school_id: schoolId,
					class_id: cls.id,
					student_id: p.id,
					school_year_id: year.id,
					learning1: learning,
					learning2: learning,
					learning_year: learning,
					conduct1: 'tot' as const,
					conduct2: 'tot' as const,
					conduct_year: 'tot' as const,
					decision,
					retest_subject_ids: [],
					updated_at: new Date('2026-05-31T10:00:00Z')
				};
			})
		)
		.execute();
	await db
		.insertInto('grade_publications')
		.values(
			(['mid1', 'end1', 'mid2', 'year'] as const).map((checkpoint) => ({
				class_id: cls.id,
				checkpoint
			}))
		)
		.execute();
	await refreshSchoolCounts(db, [schoolId]);
}
