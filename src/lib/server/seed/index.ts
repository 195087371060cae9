import { sql, type Kysely } from 'kysely';
import { normalisePhone } from '../../phone';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { hashPassword } from '../auth/password';
import { seedGrades } from './grades';
import { seedMessages } from './messages';
import { seedOfficialNotices } from './official-notices';
import { seedPreviousYear } from './previous-year';
import { seedPrimary } from './primary';
import { seedProvince } from './province';
import { Random } from './random';
import { seedReference } from './reference';
import { seedRollout } from './rollout';
import { pilotSpecs, seedPilotRoster, seedStaffForAllSchools, type PilotRoster } from './rosters';
import { seedTimetable } from './timetable';
import { seedUsage } from './usage';
import { seedFinishedYear } from './finished-year';

export const DEMO_PASSWORD = 'demo-2026';
/** The demo parent also signs in with this phone number (any written form: +84..., 84..., 0...). */
export const DEMO_PARENT_PHONE = '0987 654 321';

export const DEMO_ACCOUNTS = [
	{ email: 'so@demo.example', description: 'Sở GD&ĐT Yên Bái (department)' },
	{ email: 'vanyen@demo.example', description: 'area official, Văn Yên' },
	{ email: 'quangtrung.admin@demo.example', description: 'school admin, THCS Quang Trung' },
	{
		email: 'nguyentatthanh.admin@demo.example',
		description: 'school admin, THPT Chuyên Nguyễn Tất Thành'
	},
	{ email: 'quangtrung.gv@demo.example', description: 'teacher (homeroom 8A), THCS Quang Trung' },
	{
		email: 'nguyentatthanh.gv@demo.example',
		description: 'teacher (homeroom 11 Toán), THPT Chuyên Nguyễn Tất Thành'
	},
	{
		email: 'quangtrung.ph@demo.example',
		description: `parent of two pupils of THCS Quang Trung; or the phone ${DEMO_PARENT_PHONE}`
	},
	{
		email: 'dongcuong.admin@demo.example',
		description: 'school admin, TH&THCS Đông Cuông (Văn Yên; rollout checklist in progress)'
	},
	{
		email: 'dongcuong.gv@demo.example',
		description: 'primary teacher (homeroom 1A and 4A, Circular 27), TH&THCS Đông Cuông'
	},
	{
		email: 'dongcuong.ph@demo.example',
		description: 'parent of a pupil of 4A, TH&THCS Đông Cuông (mid-term I published)'
	}
] as const;

/** What the foundation seed made; module seeds (rollout, usage, ...) build on it. */
export interface SeedContext {
	rng: Random;
	departmentId: number;
	areaIds: Map<string, number>;
	schools: { id: number; code: string; name: string; area_id: number; level: string }[];
	pilots: { quangTrung: PilotRoster; nguyenTatThanh: PilotRoster };
	users: Record<(typeof DEMO_ACCOUNTS)[number]['email'], number>;
	schoolYearId: number;
	passwordHash: string;
}

export type ModuleSeed = (db: Kysely<Database>, ctx: SeedContext) => Promise<void>;

/** Modules register their demo data here, in dependency order. */
const MODULE_SEEDS: ModuleSeed[] = [
	seedRollout,
	// Usage follows the rollout statuses: keep it after the rollout seed.
	seedUsage,
	seedGrades,
	seedTimetable,
	seedMessages,
	seedOfficialNotices,
	// The primary part of Đông Cuông uses its own PRNG: the other seeds' figures do not move.
	seedPrimary,
	// Last year's results of the pilot schools (own PRNG, after everything of this year).
	seedPreviousYear,
	// one class of last year left to roll over (after the previous year: its checkpoints)
	seedFinishedYear
];
/** The seeds of last year: the bulk of the rows (176,000 scores); a test may leave them out. */
const LAST_YEAR_SEEDS = new Set<ModuleSeed>([seedPreviousYear, seedFinishedYear]);

export async function isSeeded(db: DB): Promise<boolean> {
	const row = await db.selectFrom('departments').select('id').limit(1).executeTakeFirst();
	return !!row;
}

/** Seeds the demo province in one transaction when the database has no department yet. */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
	if (await isSeeded(db)) return false;
	await db.transaction().execute((trx) => seedDemo(trx));
	await analyzeTables(db);
	return true;
}

/**
 * Planner statistics for freshly loaded tables. The embedded database has no autovacuum at all,
 * and a server's autovacuum may come minutes later: without statistics the planner guesses and
 * may scan a whole table for one teacher's rows.
 */
export async function analyzeTables(db: DB): Promise<void> {
	await sql`analyze`.execute(db);
}

/**
 * The demo province. `lastYear: false` leaves out last year's results (the previous-year and
 * finished-year seeds, which come last and use their own PRNG, so nothing of this year moves):
 * for tests that start their own portal and never read last year.
 */
export async function seedDemo(
	db: Kysely<Database>,
	options: { lastYear?: boolean } = {}
): Promise<SeedContext> {
	const rng = new Random(20220301);
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await seedReference(db);
	const { departmentId, areaIds, schools } = await seedProvince(db, rng);
	const year = await db
		.selectFrom('school_years')
		.select('id')
		.where('is_current', '=', true)
		.executeTakeFirstOrThrow();
	const qt = schools.find((s) => s.name === 'Trường THCS Quang Trung')!;
	const ntt = schools.find((s) => s.name === 'Trường THPT Chuyên Nguyễn Tất Thành')!;
	await seedStaffForAllSchools(db, rng, schools, new Set([qt.id, ntt.id]));
	const [qtSpec, nttSpec] = pilotSpecs(qt.id, ntt.id);
	const quangTrung = await seedPilotRoster(db, rng, qtSpec, year.id, 'quangtrung');
	const nguyenTatThanh = await seedPilotRoster(db, rng, nttSpec, year.id, 'nguyentatthanh');
	const users = await seedAccounts(db, {
		departmentId,
		areaIds,
		quangTrung,
		nguyenTatThanh,
		passwordHash
	});
	const ctx: SeedContext = {
		rng,
		departmentId,
		areaIds,
		schools,
		pilots: { quangTrung, nguyenTatThanh },
		users,
		schoolYearId: year.id,
		passwordHash
	};
	for (const seed of MODULE_SEEDS) {
		if (options.lastYear === false && LAST_YEAR_SEEDS.has(seed)) continue;
		await seed(db, ctx);
	}
	return ctx;
}

async function seedAccounts(
	db: Kysely<Database>,
	o: {
		departmentId: number;
		areaIds: Map<string, number>;
		quangTrung: PilotRoster;
		nguyenTatThanh: PilotRoster;
		passwordHash: string;
	}
): Promise<SeedContext['users']> {
	const ids = {} as SeedContext['users'];
	const createUser = async (email: string, name: string, phone: string | null = null) => {
		const row = await db
			.insertInto('users')
			.values({ email, name, phone, password_hash: o.passwordHash })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	};

	ids['so@demo.example'] = await createUser('so@demo.example', 'Nguyễn Thị Thu Hà');
	await db
		.insertInto('role_assignments')
		.values({ user_id: ids['so@demo.example'], role: 'department', department_id: o.departmentId })
		.execute();
	ids['vanyen@demo.example'] = await createUser('vanyen@demo.example', 'Triệu Văn Lâm');
	await db
		.insertInto('role_assignments')
		.values({
			user_id: ids['vanyen@demo.example'],
			role: 'area',
			department_id: o.departmentId,
			area_id: o.areaIds.get('VY')!
		})
		.execute();

	for (const [prefix, roster, homeroomClass] of [
		['quangtrung', o.quangTrung, '8A'],
		['nguyentatthanh', o.nguyenTatThanh, '11 Toán']
	] as const) {
		// Every teacher of a pilot school has an account (usage logging); their staff e-mail is the login.
		const staff = await db
			.selectFrom('staff')
			.select(['id', 'full_name', 'email', 'phone', 'position'])
			.where('school_id', '=', roster.schoolId)
			.orderBy('id')
			.execute();
		const homeroom = roster.classes.find((c) => c.name === homeroomClass)!.homeroomStaffId;
		const admin = staff.find((s) => s.position === 'vice_principal')!;
		for (const member of staff) {
			let email = member.email!;
			if (member.id === homeroom) email = `${prefix}.gv@demo.example`;
			if (member.id === admin.id) email = `${prefix}.admin@demo.example`;
			const userId = await createUser(email, member.full_name, member.phone);
			await db
				.updateTable('staff')
				.set({ user_id: userId, email })
				.where('id', '=', member.id)
				.execute();
			const role = member.id === admin.id ? 'school_admin' : 'teacher';
			await db
				.insertInto('role_assignments')
				.values({ user_id: userId, role, school_id: roster.schoolId })
				.execute();
			if (member.id === admin.id) {
				await db
					.insertInto('role_assignments')
					.values({ user_id: userId, role: 'teacher', school_id: roster.schoolId })
					.execute();
			}
			if (email === `${prefix}.gv@demo.example`) ids[email as keyof typeof ids] = userId;
			if (email === `${prefix}.admin@demo.example`) ids[email as keyof typeof ids] = userId;
		}
	}

	// The demo parent: guardian of a pupil in 8A and of a younger sibling in 6C.
	const qt = o.quangTrung;
	const child = qt.students.find((s) => s.classId === qt.classes.find((c) => c.name === '8A')!.id)!;
	const sibling = qt.students.find(
		(s) => s.classId === qt.classes.find((c) => c.name === '6C')!.id
	)!;
	const link = await db
		.selectFrom('student_guardians')
		.innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
		.innerJoin('students', 'students.id', 'student_guardians.student_id')
		.select([
			'guardians.id',
			'guardians.full_name',
			'guardians.phone',
			'students.full_name as child_name',
			'student_guardians.relationship'
		])
		.where('student_guardians.student_id', '=', child.id)
		.executeTakeFirstOrThrow();
	ids['quangtrung.ph@demo.example'] = await createUser(
		'quangtrung.ph@demo.example',
		link.full_name,
		DEMO_PARENT_PHONE
	);
	await db
		.updateTable('users')
		.set({ login_phone: normalisePhone(DEMO_PARENT_PHONE), activated_at: new Date() })
		.where('id', '=', ids['quangtrung.ph@demo.example'])
		.execute();
	await db
		.insertInto('role_assignments')
		.values({ user_id: ids['quangtrung.ph@demo.example'], role: 'parent' })
		.execute();
	await db
		.updateTable('guardians')
		.set({
			user_id: ids['quangtrung.ph@demo.example'],
			email: 'quangtrung.ph@demo.example',
			phone: DEMO_PARENT_PHONE
		})
		.where('id', '=', link.id)
		.execute();
	const siblingRow = await db
		.selectFrom('students')
		.select('full_name')
		.where('id', '=', sibling.id)
		.executeTakeFirstOrThrow();
	const family = link.child_name.split(' ')[0];
	await db
		.updateTable('students')
		.set({ full_name: [family, ...siblingRow.full_name.split(' ').slice(1)].join(' ') })
		.where('id', '=', sibling.id)
		.execute();
	const orphan = await db
		.deleteFrom('student_guardians')
		.where('student_id', '=', sibling.id)
		.returning('guardian_id')
		.execute();
	await db
		.deleteFrom('guardians')
		.where(
			'id',
			'in',
			orphan.map((r) => r.guardian_id)
		)
		.execute();
	await db
		.insertInto('student_guardians')
		.values({ student_id: sibling.id, guardian_id: link.id, relationship: link.relationship })
		.execute();
	return ids;
}
