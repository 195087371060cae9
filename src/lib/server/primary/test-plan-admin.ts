import type { Kysely } from 'kysely';
import { PRIMARY_PERIODIC_TESTS, type PrimaryGrade } from '$lib/grades/primary-tests';
import { writeAuditMany, type Actor } from '../audit';
import { requireSchool } from '../auth/access/school';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import { ConflictError, fieldError } from '../errors';
import { currentSchoolYear, inTransaction } from '../grades/checkpoints';
import { gradeSubjects } from './classes';
import { refuseRemovalWithScores } from './test-plan-scores';
import { recomputePrimaryYear } from './year';

type Db = Kysely<Database>;

/**
 * The school admin's table of periodic tests (Circular 27, Art. 7) for the current year: per grade
 * 1-5 and subject the grade studies, a test at the end of term I and of the year, and one at
 * mid-term I and II; defaults from primary-tests.ts, a saved row overrides them (0330). Only the
 * school's admins ('grades.manage'); anyone else 404.
 */
export interface TestPlanRow {
	grade: PrimaryGrade;
	subjectId: number;
	code: string;
	nameVi: string;
	nameEn: string;
	atEnd: boolean;
	atMid: boolean;
	/** as the default table says */
	isDefault: boolean;
	/** 0: no saved row */
	version: number;
}

const GRADES: PrimaryGrade[] = [1, 2, 3, 4, 5];

export async function loadTestPlan(
	db: Db,
	principal: Principal,
	schoolId: number
): Promise<{ schoolYear: string; rows: TestPlanRow[] }> {
	await requireSchool(db, principal, schoolId, 'grades.manage');
	const year = await currentSchoolYear(db);
	const [taught, saved] = await Promise.all([
		Promise.all(GRADES.map((g) => gradeSubjects(db, g))),
		db
			.selectFrom('primary_test_plans')
			.select(['grade', 'subject_id', 'at_end', 'at_mid', 'version'])
			.where('school_id', '=', schoolId)
			.where('school_year_id', '=', year.id)
			.execute()
	]);
	const rows = GRADES.flatMap((grade, i) =>
		taught[i].map((s): TestPlanRow => {
			const base = PRIMARY_PERIODIC_TESTS[grade];
			const defEnd = base.end.includes(s.code);
			const defMid = base.mid.includes(s.code);
			const row = saved.find((r) => r.grade === grade && r.subject_id === s.id);
			const atEnd = row ? row.at_end : defEnd;
			const atMid = row ? row.at_mid : defMid;
			return {
				grade,
				subjectId: s.id,
				code: s.code,
				nameVi: s.nameVi,
				nameEn: s.nameEn,
				atEnd,
				atMid,
				isDefault: atEnd === defEnd && atMid === defMid,
				version: row?.version ?? 0
			};
		})
	);
	return { schoolYear: year.name, rows };
}

export interface TestPlanChange {
	grade: number;
	subjectId: number;
	atEnd: boolean;
	atMid: boolean;
	/** the version the admin loaded (0: no saved row) */
	version: number;
}

/**
 * Saves the rows whose meaning changed, all or nothing: a subject the grade does not study is a
 * field error; a row saved by someone else since it was loaded is a conflict (nothing saved). One
 * upsert (`version = loaded + 1 … where version = loaded`), audit `primary.test_plan.save` per row,
 * and the stored year results of the school's classes of the changed grades recomputed in the same
 * transaction (a test added or removed changes what a year result needs).
 */
export function saveTestPlan(
	db: Db,
	actor: Actor,
	schoolId: number,
	changes: TestPlanChange[]
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'grades.manage');
		const current = await loadTestPlan(trx, actor.principal, schoolId);
		const year = await currentSchoolYear(trx);
		const byKey = new Map(current.rows.map((r) => [`${r.grade}_${r.subjectId}`, r]));
		const writes: Array<{ change: TestPlanChange; before: TestPlanRow }> = [];
		for (const change of changes) {
			const key = `${change.grade}_${change.subjectId}`;
			const before = byKey.get(key);
			if (!before) throw fieldError(`e_${key}`, 'primary_v_subject');
			if (before.atEnd === change.atEnd && before.atMid === change.atMid) continue;
			if (before.version !== change.version) throw new ConflictError('primary_test_plans', key);
			writes.push({ change, before });
		}
		if (!writes.length) return { saved: 0 };
		// a test taken away while scores of it are stored: refused, naming how many
		await refuseRemovalWithScores(
			trx,
			schoolId,
			year.id,
			writes.map(({ change, before }) => ({
				grade: change.grade,
				subjectId: change.subjectId,
				end: before.atEnd && !change.atEnd,
				mid: before.atMid && !change.atMid
			}))
		);
		const userId = actor.principal.userId;
		const written = await trx
			.insertInto('primary_test_plans')
			.values(
				writes.map(({ change }) => ({
					school_id: schoolId,
					school_year_id: year.id,
					grade: change.grade,
					subject_id: change.subjectId,
					at_end: change.atEnd,
					at_mid: change.atMid,
					version: change.version + 1,
					updated_by: userId,
					updated_at: new Date()
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['school_id', 'school_year_id', 'grade', 'subject_id'])
					.doUpdateSet((eb) => ({
						at_end: eb.ref('excluded.at_end'),
						at_mid: eb.ref('excluded.at_mid'),
						version: eb.ref('excluded.version'),
						updated_by: eb.ref('excluded.updated_by'),
						updated_at: eb.ref('excluded.updated_at')
					}))
					.where('primary_test_plans.version', '=', (eb) => eb(eb.ref('excluded.version'), '-', 1))
			)
			.returning('subject_id')
			.execute();
		if (written.length !== writes.length) throw new ConflictError('primary_test_plans', schoolId);
		await writeAuditMany(
			trx,
			writes.map(({ change, before }) => ({
				actorUserId: userId,
				action: 'primary.test_plan.save',
				entity: 'primary_test_plan',
				entityId: `${schoolId}:${year.id}:${change.grade}:${change.subjectId}`,
				schoolId,
				before: { atEnd: before.atEnd, atMid: before.atMid },
				after: { atEnd: change.atEnd, atMid: change.atMid },
				requestId: actor.requestId
			}))
		);
		await recomputeGrades(trx, schoolId, year.id, [...new Set(writes.map((w) => w.change.grade))]);
		return { saved: writes.length };
	});
}

async function recomputeGrades(trx: Db, schoolId: number, schoolYearId: number, grades: number[]) {
	const classes = await trx
		.selectFrom('classes as c')
		.innerJoin('schools as s', 's.id', 'c.school_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'c.id',
			'c.name',
			'c.grade',
			'c.school_id as schoolId',
			's.name as schoolName',
			'y.id as schoolYearId',
			'y.name as schoolYear'
		])
		.where('c.school_id', '=', schoolId)
		.where('c.school_year_id', '=', schoolYearId)
		.where('c.active', '=', true)
		.where('c.grade', 'in', grades)
		.execute();
	for (const cls of classes) await recomputePrimaryYear(trx, cls);
}
