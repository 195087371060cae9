import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { Database } from '../db/schema';
import { heldAward } from '$lib/grades/primary-award';
import type { PrimaryResult } from '$lib/grades/primary';
import { nominationStatusOf } from './awards';
import { decisionsOf, type PromotionDecision } from './promotion-decisions';
import { childPrimary, type ChildPrimary } from './parent';

type Db = Kysely<Database>;

/**
 * A primary pupil's report card (Circular 27) at one published checkpoint: the levels, test scores,
 * comments and qualities of the published checkpoints up to it, the year result at `year`, the
 * absences of its period. Only this pupil's rows are read (Art. 4: no class figure, no rank).
 * `loadReportCard` proves who may read it and that the checkpoint is published.
 */
export interface PrimaryCardData {
	checkpoint: Checkpoint;
	fullName: string;
	className: string | null;
	schoolName: string;
	schoolYear: string | null;
	grade: number;
	primary: ChildPrimary;
	absences: { excused: number; unexcused: number; period: 1 | 2 | 'year' } | null;
	/** at `year` (published): the award of Art. 13 the pupil holds */
	award: { kind: 'xuat_sac' | 'tieu_bieu'; reason: string | null } | null;
	/** at `year`, for Chưa hoàn thành: the principal's decision (Art. 11, 0430), null while pending */
	decision?: { decision: PromotionDecision; note: string } | null;
}

export interface PrimaryCardChild {
	id: number;
	fullName: string;
	className: string | null;
	schoolName: string;
	schoolYear: string | null;
	schoolId: number;
	schoolYearId: number;
	grade: number;
}

export async function primaryCardData(
	db: Db,
	child: PrimaryCardChild,
	checkpoint: Checkpoint,
	covered: Checkpoint[]
): Promise<Omit<PrimaryCardData, 'absences'>> {
	const primary = await childPrimary(db, child, covered);
	return {
		award: checkpoint === 'year' ? await awardOf(db, child, primary.yearResult) : null,
		decision:
			checkpoint === 'year' && primary.yearResult === 'chua_hoan_thanh'
				? ((await decisionsOf(db, [child.id], child.schoolYearId)).get(child.id) ?? null)
				: null,
		checkpoint,
		fullName: child.fullName,
		className: child.className,
		schoolName: child.schoolName,
		schoolYear: child.schoolYear,
		grade: child.grade,
		primary
	};
}

/** The pupil's award at the year (Art. 13), from the published result and the principal's decision. */
async function awardOf(
	db: Db,
	child: PrimaryCardChild,
	result: PrimaryResult | null
): Promise<PrimaryCardData['award']> {
	if (result === null) return null;
	const nomination = (await nominationStatusOf(db, [child.id], child.schoolYearId)).get(child.id);
	const kind = heldAward(result, nomination?.status ?? null);
	return kind ? { kind, reason: kind === 'tieu_bieu' ? nomination!.reason : null } : null;
}
