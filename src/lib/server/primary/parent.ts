import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { PrimaryResult, QualityItem, QualityLevel, SubjectLevel } from '$lib/grades/primary';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import { publishedByClass, requireChild } from '../grades/parent';
import { gradeSubjects, withTests } from './classes';
import { schoolGradePlan } from './test-plan';

type Db = Kysely<Database>;

export interface ChildPrimarySubject {
	id: number;
	nameVi: string;
	nameEn: string;
	tested: boolean;
	level: SubjectLevel | null;
	testScore: number | null;
	comment: string;
}

export interface ChildPrimaryCheckpoint {
	checkpoint: Checkpoint;
	subjects: ChildPrimarySubject[];
	qualities: Partial<Record<QualityItem, QualityLevel>>;
}

export interface ChildPrimary {
	checkpoints: ChildPrimaryCheckpoint[];
	/** once the year checkpoint is published */
	yearResult: PrimaryResult | null;
}

/**
 * A primary child's published assessment (Circular 27) for their own family only (404 otherwise):
 * per published checkpoint of the child's class, the levels, test scores, comments and qualities;
 * the year result once 'year' is published. Only this pupil's rows are read: never another pupil,
 * never a class figure (Art. 4). Null when the child is not in a primary class.
 */
export async function loadChildPrimary(
	db: Db,
	principal: Principal,
	studentId: number
): Promise<ChildPrimary | null> {
	const child = await requireChild(db, principal, studentId);
	if (child.classId === null || child.schoolYearId === null) return null;
	if (child.grade === null || child.grade > 5) return null;
	const published = (await publishedByClass(db, [child.classId])).get(child.classId) ?? [];
	return childPrimary(
		db,
		{
			id: child.id,
			schoolId: child.schoolId,
			schoolYearId: child.schoolYearId,
			grade: child.grade
		},
		published
	);
}

/**
 * What the checkpoints `published` show of one primary pupil (the caller has proved access to the
 * pupil): the rows of this pupil only; the year result when `year` is among them.
 */
export async function childPrimary(
	db: Db,
	child: { id: number; schoolId: number; schoolYearId: number; grade: number },
	published: Checkpoint[]
): Promise<ChildPrimary> {
	if (!published.length) return { checkpoints: [], yearResult: null };
	const [taught, plan, cells, ratings] = await Promise.all([
		gradeSubjects(db, child.grade),
		schoolGradePlan(db, child.schoolId, child.schoolYearId, child.grade),
		db
			.selectFrom('primary_assessments')
			.select(['subject_id', 'checkpoint', 'level', 'test_score', 'comment'])
			.where('student_id', '=', child.id)
			.where('school_year_id', '=', child.schoolYearId)
			.where('checkpoint', 'in', published)
			.execute(),
		db
			.selectFrom('primary_qualities')
			.select(['checkpoint', 'item', 'level'])
			.where('student_id', '=', child.id)
			.where('school_year_id', '=', child.schoolYearId)
			.where('checkpoint', 'in', published)
			.execute()
	]);
	const checkpoints: ChildPrimaryCheckpoint[] = [];
	for (const checkpoint of published) {
		const subjects = withTests(taught, child.grade, checkpoint, plan);
		checkpoints.push({
			checkpoint,
			subjects: subjects.map((s) => {
				const c = cells.find((x) => x.subject_id === s.id && x.checkpoint === checkpoint);
				return {
					id: s.id,
					nameVi: s.nameVi,
					nameEn: s.nameEn,
					tested: s.tested,
					level: c?.level ?? null,
					testScore: s.tested ? (c?.test_score ?? null) : null,
					comment: c?.comment ?? ''
				};
			}),
			qualities: Object.fromEntries(
				ratings.filter((r) => r.checkpoint === checkpoint).map((r) => [r.item, r.level])
			)
		});
	}
	let yearResult: PrimaryResult | null = null;
	if (published.includes('year')) {
		const row = await db
			.selectFrom('primary_year_results')
			.select('result')
			.where('student_id', '=', child.id)
			.where('school_year_id', '=', child.schoolYearId)
			.executeTakeFirst();
		yearResult = row?.result ?? null;
	}
	return { checkpoints, yearResult };
}
