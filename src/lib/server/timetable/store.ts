import type { Kysely } from 'kysely';
import type { Instance } from '../../timetable/format';
import type { LockedCells } from '../../timetable/model';
import type { SolveResult } from '../../timetable/solver';
import type { Database, TimetableFigures, UnplacedPeriods } from '../db/schema';
import { parseLessonId, parseTeacherId } from './problem';

type Db = Kysely<Database>;

/** The cells of a solution: one row per placed period, mapped back to the roster rows. */
export function solutionCells(
	versionId: number,
	schoolId: number,
	instance: Instance,
	result: SolveResult,
	locked: LockedCells[] = []
) {
	const isLocked = new Set(locked.flatMap((l) => l.slots.map(([d, p]) => `${l.lesson}|${d}|${p}`)));
	const teacherOf = new Map(instance.lessons.map((l) => [l.id, parseTeacherId(l.teacher)]));
	return result.solution.assignments.flatMap((a) => {
		const ref = parseLessonId(a.lesson);
		const staffId = teacherOf.get(a.lesson);
		if (!ref || staffId === null || staffId === undefined)
			throw new Error(`timetable: lesson ${a.lesson} of the solution is not in the problem`);
		return a.slots.map(([day, period]) => ({
			version_id: versionId,
			school_id: schoolId,
			class_id: ref.classId,
			subject_id: ref.subjectId,
			staff_id: staffId,
			kind: ref.kind,
			day,
			period,
			locked: isLocked.has(`${a.lesson}|${day}|${period}`)
		}));
	});
}

export function unplacedOf(result: SolveResult): UnplacedPeriods[] {
	return result.unplaced.map((u) => {
		const ref = parseLessonId(u.lesson)!;
		return { lesson: u.lesson, classId: ref.classId, subjectId: ref.subjectId, periods: u.periods };
	});
}

export function figuresOf(result: SolveResult): TimetableFigures {
	const e = result.evaluation;
	return {
		placedPeriods: e.placedPeriods,
		totalPeriods: e.placedPeriods + e.unplacedPeriods,
		hardViolations: e.hardTotal,
		softPenalty: e.softPenalty,
		teacherGaps: e.stats.teacherGapsTotal,
		iterations: result.iterations,
		elapsedMs: Math.round(result.elapsedMs)
	};
}

/**
 * Stores a generated timetable as the version's cells and turns the version into a draft, only
 * while it is still being generated (a cancelled version stays cancelled). A result that breaks a
 * hard rule is never stored: the engine leaves such periods out (they are listed as unplaced), and
 * this check refuses anything else. Returns whether the draft was stored.
 */
export async function storeResult(
	trx: Db,
	versionId: number,
	schoolId: number,
	instance: Instance,
	result: SolveResult,
	locked: LockedCells[] = []
): Promise<boolean> {
	if (result.evaluation.hardTotal !== 0)
		throw new Error(
			`timetable: refusing a result with ${result.evaluation.hardTotal} hard violations`
		);
	const updated = await trx
		.updateTable('timetable_versions')
		.set({
			status: 'draft',
			figures: JSON.stringify(figuresOf(result)),
			unplaced: JSON.stringify(unplacedOf(result))
		})
		.where('id', '=', versionId)
		.where('school_id', '=', schoolId)
		.where('status', '=', 'generating')
		.executeTakeFirst();
	if (!updated.numUpdatedRows) return false;
	const cells = solutionCells(versionId, schoolId, instance, result, locked);
	for (let i = 0; i < cells.length; i += 1000)
		await trx
			.insertInto('timetable_cells')
			.values(cells.slice(i, i + 1000))
			.execute();
	return true;
}
