import type { Kysely } from 'kysely';
import type { Checkpoint } from '../../grades/checkpoints';
import {
	periodicTests,
	QUALITY_ITEMS,
	type QualityLevel,
	type SubjectLevel
} from '../../grades/primary';
import { primaryCheckpointOf } from '../../grades/primary-plan';
import type { Database } from '../db/schema';
import type { Random } from './random';
import type { SeededPupil } from './primary';

interface Demo {
	schoolId: number;
	schoolYearId: number;
	teacherUser: number;
	classes: Array<{ id: number; name: string; grade: number }>;
	pupils: SeededPupil[];
}

const level = (rng: Random): SubjectLevel =>
	rng.weighted([
		['T', 45],
		['H', 50],
		['C', 5]
	]);
const quality = (rng: Random): QualityLevel =>
	rng.weighted([
		['tot', 55],
		['dat', 42],
		['can_co_gang', 3]
	]);

/**
 * Mid-term I of 1A and 4A entered for every pupil (levels, the grade's tests, qualities) and
 * published; end of term I of 4A entered for half the class and not published, so the parent sees
 * only mid-term I.
 */
export async function primaryDemoRows(db: Kysely<Database>, rng: Random, demo: Demo) {
	const subjects = await db
		.selectFrom('subjects as s')
		.innerJoin('subject_periods as p', 'p.subject_id', 's.id')
		.select(['s.id', 's.code', 'p.grade'])
		.where('s.level', '=', 'TH')
		.where('p.periods_per_year', '>', 0)
		.execute();
	const plan: Array<{ className: string; checkpoint: Checkpoint; share: number }> = [
		{ className: '1A', checkpoint: 'mid1', share: 1 },
		{ className: '4A', checkpoint: 'mid1', share: 1 },
		{ className: '4A', checkpoint: 'end1', share: 0.5 }
	];
	for (const step of plan) {
		const cls = demo.classes.find((c) => c.name === step.className)!;
		const tested = new Set(periodicTests(cls.grade, primaryCheckpointOf(step.checkpoint)));
		const pupils = demo.pupils.filter((p) => p.classId === cls.id);
		const chosen = pupils.slice(0, Math.ceil(pupils.length * step.share));
		const common = {
			school_id: demo.schoolId,
			class_id: cls.id,
			school_year_id: demo.schoolYearId,
			checkpoint: step.checkpoint,
			updated_by: demo.teacherUser,
			updated_at: new Date()
		};
		await db
			.insertInto('primary_assessments')
			.values(
				chosen.flatMap((p) =>
					subjects
						.filter((s) => s.grade === cls.grade)
						.map((s) => ({
							...common,
							student_id: p.id,
							subject_id: s.id,
							level: level(rng),
							test_score: tested.has(s.code) ? rng.int(6, 10) : null
						}))
				)
			)
			.execute();
		await db
			.insertInto('primary_qualities')
			.values(
				chosen.flatMap((p) =>
					QUALITY_ITEMS.map((item) => ({ ...common, student_id: p.id, item, level: quality(rng) }))
				)
			)
			.execute();
	}
	await db
		.insertInto('grade_publications')
		.values(
			demo.classes
				.filter((c) => c.name === '1A' || c.name === '4A')
				.map((c) => ({ class_id: c.id, checkpoint: 'mid1' as const, published_by: null }))
		)
		.execute();
}
