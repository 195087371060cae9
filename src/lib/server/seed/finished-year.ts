import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { refreshSchoolCounts } from '../roster/context';
import { seedClassYear } from './previous-year';
import { Random } from './random';
import type { SeedContext } from './index';

/**
 * One class of the finished school year 2025-2026 at Quang Trung left to roll over (issue 11, year
 * rollover): 7G with six pupils whose year was entered like every other class of that year
 * (`previous-year.ts`: scores, conduct, summaries by the portal's rules, published): four promoted,
 * one who failed the summer re-tests (repeats the grade) and one who has not sat them yet
 * (undecided), so the admin's rollover page and last year's report card have something to show.
 * Its own PRNG. Plain relative imports: `npm run db:seed` runs without the $lib alias.
 */
const PUPILS = [
	'Hoàng Minh Anh',
	'Lò Văn Bảo',
	'Đinh Thị Cúc',
	'Vàng A Dình',
	'Sùng Thị Mai',
	'Nông Văn Sơn'
] as const;
const REPEATER = 'Sùng Thị Mai';
const PENDING = 'Nông Văn Sơn';

export async function seedFinishedYear(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const year = await db
		.selectFrom('school_years')
		.select('id')
		.where('name', '=', '2025-2026')
		.executeTakeFirst();
	if (!year) return;
	const schoolId = ctx.pilots.quangTrung.schoolId;
	const admin = ctx.users['quangtrung.admin@demo.example'];
	const cls = await db
		.insertInto('classes')
		.values({ school_id: schoolId, school_year_id: year.id, grade: 7, name: '7G' })
		.returning('id')
		.executeTakeFirstOrThrow();
	// its subjects and teachers: those of this year's 7A
	const model = ctx.pilots.quangTrung.classes.find((c) => c.name === '7A')!;
	await sql`insert into teaching_assignments (class_id, subject_id, staff_id, school_id)
		select ${cls.id}, subject_id, staff_id, school_id from teaching_assignments
		where class_id = ${model.id}`.execute(db);
	const pupils = await db
		.insertInto('students')
		.values(
			PUPILS.map((name, i) => ({
				school_id: schoolId,
				class_id: cls.id,
				code: `QT25-${String(i + 1).padStart(3, '0')}`,
				full_name: name
			}))
		)
		.returning(['id', 'full_name'])
		.execute();
	const idOf = (name: string) => pupils.find((p) => p.full_name === name)!.id;
	const semesters = await db
		.selectFrom('semesters')
		.select(['id', 'number'])
		.where('school_year_id', '=', year.id)
		.orderBy('number')
		.execute();
	await seedClassYear(db, new Random(7), {
		cls,
		ids: pupils.map((p) => p.id),
		repeaters: new Set([idOf(REPEATER)]),
		pending: new Set([idOf(PENDING)]),
		semesters,
		yearId: year.id,
		admin,
		schoolId,
		rolledOver: false
	});
	await db
		.insertInto('grade_publications')
		.values(
			(['mid1', 'end1', 'mid2', 'year'] as const).map((checkpoint) => ({
				class_id: cls.id,
				checkpoint,
				published_by: admin
			}))
		)
		.execute();
	await refreshSchoolCounts(db, [schoolId]);
}
