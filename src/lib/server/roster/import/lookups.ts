import type { ImportKind } from '../../../roster/import-columns';
import type { Tx } from '../context';
import { currentSchoolYear, listEthnicities, subjectsForSchool } from '../lookups';
import type { ImportLookups } from './types';

/** Where an import writes: one school's roster, or a department's schools. */
export type ImportScope =
	{ type: 'school'; schoolId: number } | { type: 'department'; departmentId: number };

/**
 * What the checks need of the database, one query per table (never per row). Runs before the
 * preview and again inside the confirming transaction.
 */
export async function loadImportLookups(
	db: Tx,
	scope: ImportScope,
	kind: ImportKind
): Promise<ImportLookups> {
	if (scope.type === 'department') {
		const [areas, schools] = await Promise.all([
			db
				.selectFrom('areas')
				.select(['id', 'code', 'name'])
				.where('department_id', '=', scope.departmentId)
				.execute(),
			db.selectFrom('schools').select(['id', 'code', 'department_id']).execute()
		]);
		return {
			areas,
			schools: schools.map((s) => ({
				id: s.id,
				code: s.code,
				inScope: s.department_id === scope.departmentId
			}))
		};
	}
	const schoolId = scope.schoolId;
	const school = await db
		.selectFrom('schools')
		.select('level')
		.where('id', '=', schoolId)
		.executeTakeFirstOrThrow();
	const lookups: ImportLookups = { schoolLevel: school.level };
	if (kind === 'staff' || kind === 'classes')
		lookups.staff = await db
			.selectFrom('staff')
			.select(['id', 'code', 'email', 'active'])
			.where('school_id', '=', schoolId)
			.execute();
	if (kind === 'staff') lookups.subjects = await subjectsForSchool(db, school.level);
	if (kind === 'classes' || kind === 'students') {
		const year = await currentSchoolYear(db);
		lookups.classes = await db
			.selectFrom('classes')
			.select(['id', 'name', 'active'])
			.where('school_id', '=', schoolId)
			.where('school_year_id', '=', year.id)
			.execute();
	}
	if (kind === 'students') lookups.ethnicities = await listEthnicities(db);
	if (kind === 'students' || kind === 'guardians')
		lookups.students = await db
			.selectFrom('students')
			.select(['id', 'code'])
			.where('school_id', '=', schoolId)
			.execute();
	if (kind === 'guardians') {
		lookups.guardians = await db
			.selectFrom('guardians')
			.select(['id', 'phone', 'email'])
			.where('school_id', '=', schoolId)
			.where('active', '=', true)
			.orderBy('id')
			.execute();
		const links = await db
			.selectFrom('student_guardians')
			.innerJoin('students', 'students.id', 'student_guardians.student_id')
			.select(['student_guardians.student_id', 'student_guardians.guardian_id'])
			.where('students.school_id', '=', schoolId)
			.execute();
		lookups.links = new Set(links.map((l) => `${l.student_id}:${l.guardian_id}`));
	}
	return lookups;
}
