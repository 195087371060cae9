import type { Kysely } from 'kysely';
import { QUALITY_ITEMS } from '$lib/grades/primary';
import type { Database } from '../db/schema';
import { classNominations } from './awards';
import { gradeSubjects, type PrimaryClass } from './classes';

type Db = Kysely<Database>;

/**
 * What the year summary shows of the "Học sinh Tiêu biểu" award: the class's nominations, the
 * pupils who may be nominated (year result Hoàn thành tốt) and the areas (the grade's subjects,
 * the qualities and competences).
 */
export async function nominationPage(db: Db, cls: PrimaryClass) {
	const [nominations, candidates, subjects] = await Promise.all([
		classNominations(db, cls),
		db
			.selectFrom('students as st')
			.innerJoin('primary_year_results as r', 'r.student_id', 'st.id')
			.select(['st.id', 'st.full_name as fullName'])
			.where('st.class_id', '=', cls.id)
			.where('st.active', '=', true)
			.where('r.school_year_id', '=', cls.schoolYearId)
			.where('r.result', '=', 'tot')
			.orderBy('st.name_sort')
			.execute(),
		gradeSubjects(db, cls.grade)
	]);
	return {
		nominations,
		candidates,
		subjects: subjects.map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn })),
		items: [...QUALITY_ITEMS]
	};
}
