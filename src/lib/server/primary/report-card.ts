import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { Database } from '../db/schema';
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
		checkpoint,
		fullName: child.fullName,
		className: child.className,
		schoolName: child.schoolName,
		schoolYear: child.schoolYear,
		grade: child.grade,
		primary
	};
}
