import type { DB } from '../db';
import type { SchoolLevel } from '../db/schema';
import { AREA_ETHNIC_MIX, kinhName, personName, phoneNumber, type Gender } from './names';
import type { Random } from './random';

/**
 * Staff for every school (names and teacher codes, no accounts), and full rosters (classes,
 * subjects taught, homeroom teachers, students, guardians) for the two pilot schools.
 */

export interface SchoolRow {
	id: number;
	code: string;
	name: string;
	area_id: number;
	level: SchoolLevel;
	staff_count: number;
}

/** Teachers in highland schools are mostly Kinh or Tày from the lowlands (naming.md §4). */
function staffEthnicity(rng: Random): string {
	return rng.weighted([
		['01', 80],
		['02', 12],
		['03', 5],
		['09', 3]
	]);
}

export async function seedStaffForAllSchools(
	db: DB,
	rng: Random,
	schools: SchoolRow[],
	skip: Set<number>
) {
	const rows = [];
	for (const school of schools) {
		if (skip.has(school.id)) continue;
		for (let i = 1; i <= school.staff_count; i++) {
			const gender: Gender = rng.chance(0.72) ? 'F' : 'M';
			rows.push({
				school_id: school.id,
				code: `GV${String(i).padStart(3, '0')}`,
				full_name: personName(rng, staffEthnicity(rng), gender),
				gender,
				position:
					i === 1
						? ('principal' as const)
						: i === 2
							? ('vice_principal' as const)
							: ('teacher' as const),
				phone: phoneNumber(rng)
			});
		}
	}
	for (let i = 0; i < rows.length; i += 2000) {
		await db
			.insertInto('staff')
			.values(rows.slice(i, i + 2000))
			.execute();
	}
	// The principal's name on the school record comes from its staff list.
	await db
		.updateTable('schools')
		.set((eb) => ({
			principal_name: eb
				.selectFrom('staff')
				.select('full_name')
				.whereRef('staff.school_id', '=', 'schools.id')
				.where('staff.position', '=', 'principal')
				.limit(1)
		}))
		.execute();
}

interface PilotSpec {
	schoolId: number;
	areaCode: string;
	level: 'THCS' | 'THPT';
	classNames: { grade: number; name: string }[];
	teachersPerSubject: Record<string, number>;
	studentsPerClass: [number, number];
}

export const QUANG_TRUNG_CLASSES = [6, 7, 8, 9].flatMap((grade) =>
	['A', 'B', 'C', 'D', 'E'].map((letter) => ({ grade, name: `${grade}${letter}` }))
);
export const NTT_CLASSES = [10, 11, 12].flatMap((grade) =>
	['Toán', 'Lí', 'Hóa', 'Sinh', 'Tin', 'Văn', 'Sử-Địa', 'Anh 1', 'Anh 2'].map((track) => ({
		grade,
		name: `${grade} ${track}`
	}))
);

export function pilotSpecs(quangTrungId: number, nttId: number): PilotSpec[] {
	return [
		{
			schoolId: quangTrungId,
			areaCode: 'YB',
			level: 'THCS',
			classNames: QUANG_TRUNG_CLASSES,
			teachersPerSubject: {
				NV: 5,
				TOAN: 5,
				NN1: 4,
				GDCD: 1,
				LSDL: 3,
				KHTN: 5,
				CN: 1,
				TIN: 1,
				GDTC: 2,
				NT: 2,
				HDTN: 1,
				GDDP: 1
			},
			studentsPerClass: [38, 44]
		},
		{
			schoolId: nttId,
			areaCode: 'YB',
			level: 'THPT',
			classNames: NTT_CLASSES,
			teachersPerSubject: {
				NV: 6,
				TOAN: 7,
				NN1: 7,
				LS: 3,
				GDQPAN: 2,
				GDTC: 2,
				HDTN: 1,
				GDDP: 1,
				DL: 3,
				GDKTPL: 2,
				VL: 5,
				HH: 5,
				SH: 4,
				CN: 1,
				TIN: 4,
				AN: 1,
				MT: 1
			},
			studentsPerClass: [32, 36]
		}
	];
}

export interface PilotRoster {
	schoolId: number;
	staff: { id: number; subjectCodes: string[] }[];
	classes: { id: number; name: string; grade: number; homeroomStaffId: number }[];
	students: { id: number; classId: number }[];
}

export async function seedPilotRoster(
	db: DB,
	rng: Random,
	spec: PilotSpec,
	schoolYearId: number,
	emailPrefix: string
): Promise<PilotRoster> {
	const subjects = await db
		.selectFrom('subjects')
		.select(['id', 'code'])
		.where('level', '=', spec.level)
		.execute();
	const subjectId = new Map(subjects.map((s) => [s.code, s.id]));

	// Staff: principal, vice principal, then teachers by subject.
	const plannedStaff: {
		code: string;
		name: string;
		gender: Gender;
		position: 'principal' | 'vice_principal' | 'teacher';
		subject?: string;
	}[] = [];
	const add = (position: 'principal' | 'vice_principal' | 'teacher', subject?: string) => {
		const gender: Gender = rng.chance(0.7) ? 'F' : 'M';
		plannedStaff.push({
			code: `GV${String(plannedStaff.length + 1).padStart(3, '0')}`,
			name: kinhName(rng, gender),
			gender,
			position,
			subject
		});
	};
	add('principal', 'NV');
	add('vice_principal', 'TOAN');
	for (const [code, n] of Object.entries(spec.teachersPerSubject)) {
		for (let i = 0; i < n; i++) add('teacher', code);
	}
	const staffRows = await db
		.insertInto('staff')
		.values(
			plannedStaff.map((s, i) => ({
				school_id: spec.schoolId,
				code: s.code,
				full_name: s.name,
				gender: s.gender,
				position: s.position,
				email: `${emailPrefix}.gv${String(i + 1).padStart(3, '0')}@demo.example`,
				phone: phoneNumber(rng),
				date_of_birth: `${rng.int(1970, 1998)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
			}))
		)
		.returning(['id', 'code'])
		.execute();
	const staff = staffRows.map((row, i) => ({
		id: row.id,
		subjectCodes: plannedStaff[i].subject ? [plannedStaff[i].subject!] : []
	}));
	await db
		.insertInto('staff_subjects')
		.values(
			staff.flatMap((s) =>
				s.subjectCodes.map((c) => ({ staff_id: s.id, subject_id: subjectId.get(c)! }))
			)
		)
		.execute();
	await db
		.updateTable('schools')
		.set({ principal_name: plannedStaff[0].name })
		.where('id', '=', spec.schoolId)
		.execute();

	// Classes with a homeroom teacher each (teachers only, in order).
	const teachers = staff.filter((_, i) => plannedStaff[i].position === 'teacher');
	const classRows = await db
		.insertInto('classes')
		.values(
			spec.classNames.map((c, i) => ({
				school_id: spec.schoolId,
				school_year_id: schoolYearId,
				grade: c.grade,
				name: c.name,
				homeroom_staff_id: teachers[(i * 3) % teachers.length].id
			}))
		)
		.returning(['id', 'name', 'grade', 'homeroom_staff_id'])
		.execute();
	const classes = classRows.map((c) => ({
		id: c.id,
		name: c.name,
		grade: c.grade,
		homeroomStaffId: c.homeroom_staff_id!
	}));

	// Teaching assignments: each subject of the grade goes to its teachers in turn.
	const periods = await db
		.selectFrom('subject_periods')
		.innerJoin('subjects', 'subjects.id', 'subject_periods.subject_id')
		.select(['subjects.code', 'subject_periods.grade'])
		.where('subjects.level', '=', spec.level)
		.where('subject_periods.periods_per_year', '>', 0)
		.execute();
	const turn = new Map<string, number>();
	const assignments = [];
	for (const c of classes) {
		for (const p of periods.filter((p) => p.grade === c.grade)) {
			const candidates = staff.filter((s) => s.subjectCodes.includes(p.code));
			if (!candidates.length) continue;
			const n = turn.get(p.code) ?? 0;
			turn.set(p.code, n + 1);
			assignments.push({
				school_id: spec.schoolId,
				class_id: c.id,
				subject_id: subjectId.get(p.code)!,
				staff_id: candidates[n % candidates.length].id
			});
		}
	}
	await db.insertInto('teaching_assignments').values(assignments).execute();

	// Students and one or two guardians each.
	const mix = AREA_ETHNIC_MIX[spec.areaCode];
	const plannedStudents: {
		classId: number;
		name: string;
		gender: Gender;
		eth: string;
		dob: string;
		code: string;
	}[] = [];
	let seq = 0;
	for (const c of classes) {
		const size = rng.int(...spec.studentsPerClass);
		const birthYear = 2026 - (c.grade + 6) + 1;
		for (let i = 0; i < size; i++) {
			const gender: Gender = rng.chance(0.5) ? 'F' : 'M';
			const eth = rng.weighted(mix);
			seq++;
			plannedStudents.push({
				classId: c.id,
				name: personName(rng, eth, gender),
				gender,
				eth,
				dob: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
				code: `${spec.level === 'THCS' ? 'QT' : 'NTT'}${String(seq).padStart(5, '0')}`
			});
		}
	}
	const studentRows = await db
		.insertInto('students')
		.values(
			plannedStudents.map((s) => ({
				school_id: spec.schoolId,
				class_id: s.classId,
				code: s.code,
				full_name: s.name,
				date_of_birth: s.dob,
				gender: s.gender,
				ethnicity_code: s.eth
			}))
		)
		.returning(['id', 'class_id'])
		.execute();
	const fathers = plannedStudents.map(() => rng.chance(0.55));
	const guardianRows = await db
		.insertInto('guardians')
		.values(
			plannedStudents.map((s, i) => {
				const family = s.name.split(' ')[0];
				const name = fathers[i]
					? `${family} ${kinhName(rng, 'M').split(' ').slice(1).join(' ')}`
					: personName(rng, s.eth, 'F');
				return { school_id: spec.schoolId, full_name: name, phone: phoneNumber(rng) };
			})
		)
		.returning('id')
		.execute();
	await db
		.insertInto('student_guardians')
		.values(
			studentRows.map((s, i) => ({
				student_id: s.id,
				guardian_id: guardianRows[i].id,
				relationship: fathers[i] ? ('father' as const) : ('mother' as const)
			}))
		)
		.execute();
	await db
		.updateTable('schools')
		.set({
			student_count: studentRows.length,
			class_count: classes.length,
			staff_count: staff.length
		})
		.where('id', '=', spec.schoolId)
		.execute();
	return {
		schoolId: spec.schoolId,
		staff,
		classes,
		students: studentRows.map((s) => ({ id: s.id, classId: s.class_id! }))
	};
}
