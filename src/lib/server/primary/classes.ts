import type { Kysely } from 'kysely';
import {
	entryState,
	isCheckpoint,
	type Checkpoint,
	type EntryState
} from '$lib/grades/checkpoints';
import { periodicTests } from '$lib/grades/primary';
import { primaryCheckpointOf } from '$lib/grades/primary-plan';
import type { GradeTests } from '$lib/grades/primary-tests';
import { todayIso } from '$lib/dates';
import { routeId, type Scope } from '../action';
import { notFound } from '../auth/access';
import { keptClassQuery, type KeptClass } from '../grades/kept-classes';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/**
 * A primary class (grades 1-5) of the current year whose assessment the principal keeps: the
 * homeroom teacher, who in primary teaches and assesses the class (Circular 27, Art. 5), or the
 * school admin ('class.homeroom'). Anyone else gets a 404.
 */
export type PrimaryClass = KeptClass;

const primaryQuery = (db: Db, principal: Principal) =>
	keptClassQuery(db, principal, { min: 1, max: 5 });

/** The current year's primary classes the principal assesses. */
export async function primaryClassList(db: Db, principal: Principal): Promise<PrimaryClass[]> {
	return primaryQuery(db, principal).orderBy('c.grade').orderBy('c.name_sort').execute();
}

export async function requirePrimaryClass(
	db: Db,
	principal: Principal,
	classId: number
): Promise<PrimaryClass> {
	const row = await primaryQuery(db, principal).where('c.id', '=', classId).executeTakeFirst();
	return row ?? notFound();
}

/** The URL's `[classId]` as a primary class the caller assesses (404 otherwise). */
export const primaryScope: Scope<{ cls: PrimaryClass }> = async (ctx) => ({
	cls: await requirePrimaryClass(ctx.db, ctx.principal, routeId(ctx.event.params.classId))
});

export interface PrimarySubject {
	id: number;
	code: string;
	nameVi: string;
	nameEn: string;
	/** the grade has a periodic test of this subject at the checkpoint */
	tested: boolean;
}

/** The subjects the class's grade studies (the programme's periods), in the report's order. */
export async function primarySubjects(
	db: Db,
	grade: number,
	checkpoint: Checkpoint,
	plan?: GradeTests
): Promise<PrimarySubject[]> {
	return withTests(await gradeSubjects(db, grade), grade, checkpoint, plan);
}

/** The primary subjects taught in a grade (one query; `withTests` marks them per checkpoint). */
export async function gradeSubjects(db: Db, grade: number) {
	return db
		.selectFrom('subjects as s')
		.innerJoin('subject_periods as p', 'p.subject_id', 's.id')
		.select(['s.id', 's.code', 's.name_vi as nameVi', 's.name_en as nameEn'])
		.where('s.level', '=', 'TH')
		.where('p.grade', '=', grade)
		.where('p.periods_per_year', '>', 0)
		.orderBy('s.sort_order')
		.execute();
}

/** A grade's subjects at a checkpoint: which of them have a periodic test there. */
export function withTests(
	rows: Array<Omit<PrimarySubject, 'tested'>>,
	grade: number,
	checkpoint: Checkpoint,
	plan?: GradeTests
): PrimarySubject[] {
	const tested = new Set(periodicTests(grade, primaryCheckpointOf(checkpoint), undefined, plan));
	return rows.map((r) => ({ ...r, tested: tested.has(r.code) }));
}

/** The entry state of the class's checkpoint today (the school's dates; no dates: open). */
export async function primaryEntryState(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	today = todayIso()
): Promise<EntryState> {
	const row = await db
		.selectFrom('grade_checkpoints')
		.select(['opens_on as opensOn', 'closes_on as closesOn', 'locks_on as locksOn'])
		.where('school_id', '=', cls.schoolId)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', '=', checkpoint)
		.executeTakeFirst();
	return entryState(row ?? undefined, today);
}

/** The URL's class and `[checkpoint]` (mid1, end1, mid2, year; anything else 404). */
export const primaryCheckpointScope: Scope<{ cls: PrimaryClass; checkpoint: Checkpoint }> = async (
	ctx
) => {
	const checkpoint = ctx.event.params.checkpoint;
	if (!isCheckpoint(checkpoint)) notFound();
	return { ...(await primaryScope(ctx)), checkpoint };
};
