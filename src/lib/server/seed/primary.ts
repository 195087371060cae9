import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SeedContext } from './index';
import { AREA_ETHNIC_MIX, kinhName, personName, phoneNumber, type Gender } from './names';
import { Random } from './random';
import { DEMO_SCHOOL_NAME } from './rollout-plan';
import { primaryDemoRows } from './primary-rows';

export const PRIMARY_TEACHER = 'dongcuong.gv@demo.example';
export const PRIMARY_PARENT = 'dongcuong.ph@demo.example';
/** The primary classes of TH&THCS Đông Cuông: the demo teacher keeps 1A and 4A, a colleague 5A. */
const CLASSES = [
	{ grade: 1, name: '1A', pupils: 9 },
	{ grade: 4, name: '4A', pupils: 10 },
	{ grade: 5, name: '5A', pupils: 8 }
];

/**
 * The primary part of TH&THCS Đông Cuông (issue 11, the primary journey): classes 1A, 4A, 5A with
 * pupils and guardians, the demo primary teacher and parent, and assessments of mid-term I (all
 * pupils; published) and end of term I (partly entered, not published). Its own PRNG, so that the
 * other schools' demo figures stay as they were; the school's declared counts are not touched.
 */
export async function seedPrimary(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const school = ctx.schools.find((s) => s.name === DEMO_SCHOOL_NAME);
	if (!school) return;
	const rng = new Random(27_2020);
	const teachers = await db
		.selectFrom('staff')
		.select(['id', 'full_name', 'phone'])
		.where('school_id', '=', school.id)
		.where('position', '=', 'teacher')
		.where('user_id', 'is', null)
		.orderBy('id')
		.limit(2)
		.execute();
	if (teachers.length < 2) return;
	const teacherUser = await createUser(
		db,
		ctx,
		PRIMARY_TEACHER,
		teachers[0].full_name,
		teachers[0].phone
	);
	await db
		.updateTable('staff')
		.set({ user_id: teacherUser, email: PRIMARY_TEACHER })
		.where('id', '=', teachers[0].id)
		.execute();
	await db
		.insertInto('role_assignments')
		.values({ user_id: teacherUser, role: 'teacher', school_id: school.id })
		.execute();
	ctx.users[PRIMARY_TEACHER] = teacherUser;

	const classes = await db
		.insertInto('classes')
		.values(
			CLASSES.map((c) => ({
				school_id: school.id,
				school_year_id: ctx.schoolYearId,
				grade: c.grade,
				name: c.name,
				homeroom_staff_id: c.name === '5A' ? teachers[1].id : teachers[0].id
			}))
		)
		.returning(['id', 'name', 'grade'])
		.execute();
	await seedSpecialist(db, school.id, teachers[0].id, classes.find((c) => c.name === '5A')!.id);
	const pupils = await seedPupils(db, rng, school.id, classes);
	await seedParent(db, ctx, pupils.find((p) => p.className === '4A')!.id);
	await primaryDemoRows(db, rng, {
		schoolId: school.id,
		schoolYearId: ctx.schoolYearId,
		teacherUser,
		classes,
		pupils
	});
}

/**
 * The demo teacher also teaches Tiếng Anh (Ngoại ngữ 1) in 5A, a class they do not keep: the subject
 * teacher's primary entry (their subject only; 5A's other subjects stay with its homeroom teacher).
 */
async function seedSpecialist(
	db: Kysely<Database>,
	schoolId: number,
	staffId: number,
	classId: number
): Promise<void> {
	const english = await db
		.selectFrom('subjects')
		.select('id')
		.where('code', '=', 'NN1')
		.where('level', '=', 'TH')
		.executeTakeFirst();
	if (!english) return;
	await db
		.insertInto('teaching_assignments')
		.values({ school_id: schoolId, class_id: classId, subject_id: english.id, staff_id: staffId })
		.execute();
}

async function createUser(
	db: Kysely<Database>,
	ctx: SeedContext,
	email: string,
	name: string,
	phone: string | null
): Promise<number> {
	const row = await db
		.insertInto('users')
		.values({ email, name, phone, password_hash: ctx.passwordHash })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export interface SeededPupil {
	id: number;
	classId: number;
	className: string;
	grade: number;
	guardianId: number;
}

async function seedPupils(
	db: Kysely<Database>,
	rng: Random,
	schoolId: number,
	classes: Array<{ id: number; name: string; grade: number }>
): Promise<SeededPupil[]> {
	const mix = AREA_ETHNIC_MIX.VY ?? AREA_ETHNIC_MIX.YB;
	const planned: Array<{
		cls: (typeof classes)[number];
		name: string;
		gender: Gender;
		eth: string;
	}> = [];
	for (const cls of classes) {
		const size = CLASSES.find((c) => c.name === cls.name)!.pupils;
		for (let i = 0; i < size; i++) {
			const gender: Gender = rng.chance(0.5) ? 'F' : 'M';
			const eth = rng.weighted(mix);
			planned.push({ cls, name: personName(rng, eth, gender), gender, eth });
		}
	}
	const students = await db
		.insertInto('students')
		.values(
			planned.map((p, i) => ({
				school_id: schoolId,
				class_id: p.cls.id,
				code: `DCTH${String(i + 1).padStart(4, '0')}`,
				full_name: p.name,
				gender: p.gender,
				ethnicity_code: p.eth,
				date_of_birth: `${2026 - (p.cls.grade + 6) + 1}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
			}))
		)
		.returning('id')
		.execute();
	const guardians = await db
		.insertInto('guardians')
		.values(
			planned.map((p) => ({
				school_id: schoolId,
				full_name: `${p.name.split(' ')[0]} ${kinhName(rng, 'F').split(' ').slice(1).join(' ')}`,
				phone: phoneNumber(rng)
			}))
		)
		.returning('id')
		.execute();
	await db
		.insertInto('student_guardians')
		.values(
			students.map((s, i) => ({
				student_id: s.id,
				guardian_id: guardians[i].id,
				relationship: 'mother' as const
			}))
		)
		.execute();
	return students.map((s, i) => ({
		id: s.id,
		classId: planned[i].cls.id,
		className: planned[i].cls.name,
		grade: planned[i].cls.grade,
		guardianId: guardians[i].id
	}));
}

/** The demo primary parent: the guardian of the first pupil of 4A. */
async function seedParent(db: Kysely<Database>, ctx: SeedContext, studentId: number) {
	const link = await db
		.selectFrom('student_guardians')
		.innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
		.select(['guardians.id', 'guardians.full_name', 'guardians.phone'])
		.where('student_guardians.student_id', '=', studentId)
		.executeTakeFirstOrThrow();
	const userId = await createUser(db, ctx, PRIMARY_PARENT, link.full_name, link.phone);
	await db
		.updateTable('users')
		.set({ activated_at: new Date() })
		.where('id', '=', userId)
		.execute();
	await db.insertInto('role_assignments').values({ user_id: userId, role: 'parent' }).execute();
	await db
		.updateTable('guardians')
		.set({ user_id: userId, email: PRIMARY_PARENT })
		.where('id', '=', link.id)
		.execute();
	ctx.users[PRIMARY_PARENT] = userId;
}
