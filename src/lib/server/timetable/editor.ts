/**
 * The school admin's editor of a draft timetable: move a period of a class to another slot or swap
 * it with the period there, lock cells that a new generation keeps, copy a version into a new
 * draft (a published timetable changes only by publishing a new version). Every save checks the
 * draft's version (two admins never overwrite each other silently) and runs the engine's check
 * again (`$lib/timetable/edit`): an edit that breaks a hard rule is refused and nothing is saved.
 */
import { sql, type Kysely } from 'kysely';
import { checkMove, type EditCheck, type EditError, type Violation } from '../../timetable/edit';
import { evaluate } from '../../timetable/evaluate';
import { parseInstance, type Instance, type Slot, type Solution } from '../../timetable/format';
import { writeAudit, type Actor } from '../audit';
import type { Database, TimetableCellKind, TimetableFigures } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import { lessonId } from './problem';
import { RoomClashError, roomCheck } from './edit-rooms';

type Db = Kysely<Database>;

export interface CellRow {
	class_id: number;
	subject_id: number;
	staff_id: number;
	kind: TimetableCellKind;
	day: number;
	period: number;
	locked: boolean;
}

/** An edit the engine's check refused: the hard rules it would break, for the page to list. */
export class EditRefusedError extends DomainError {
	constructor(
		public readonly violations: Violation[],
		public readonly instance: Instance
	) {
		super('timetable_edit_refused', { rule: violations[0]?.rule ?? '' });
	}
}

export const classKey = (classId: number) => `C${classId}`;

/** The stored cells of a version as a solution of its problem. */
export function cellsToSolution(instance: Instance, cells: CellRow[]): Solution {
	const slots = new Map<string, Slot[]>();
	for (const c of cells) {
		const id = lessonId({ classId: c.class_id, subjectId: c.subject_id, kind: c.kind });
		const list = slots.get(id);
		if (list) list.push([c.day, c.period]);
		else slots.set(id, [[c.day, c.period]]);
	}
	return {
		instance: instance.name,
		assignments: [...slots].map(([lesson, s]) => ({ lesson, slots: s }))
	};
}

/** A version of the school with its problem and cells (null when it is not the school's). */
export async function versionForEdit(db: Db, schoolId: number, versionId: number, lock = false) {
	let q = db
		.selectFrom('timetable_versions')
		.select(['id', 'status', 'version', 'problem', 'figures'])
		.where('id', '=', versionId)
		.where('school_id', '=', schoolId);
	if (lock) q = q.forUpdate();
	const row = await q.executeTakeFirst();
	if (!row) return null;
	const parsed = parseInstance(row.problem);
	if (!parsed.ok) throw new Error(`timetable: version ${versionId} holds an invalid problem`);
	const cells: CellRow[] = await db
		.selectFrom('timetable_cells')
		.select(['class_id', 'subject_id', 'staff_id', 'kind', 'day', 'period', 'locked'])
		.where('version_id', '=', versionId)
		.execute();
	return { ...row, instance: parsed.value, cells, solution: cellsToSolution(parsed.value, cells) };
}

export interface MoveInput {
	versionId: number;
	classId: number;
	from: Slot;
	to: Slot;
}

const EDIT_ERRORS: Record<EditError, string> = {
	no_period: 'timetable_edit_no_period',
	same_slot: 'timetable_edit_same_slot',
	out_of_range: 'timetable_edit_out_of_range',
	unknown_class: 'timetable_edit_unknown_class'
};

function lockedAt(cells: CellRow[], classId: number, [d, p]: Slot) {
	return cells.some((c) => c.class_id === classId && c.day === d && c.period === p && c.locked);
}

/** The engine's check of a move on the draft as stored; DomainError for an impossible request. */
function checkOn(
	v: NonNullable<Awaited<ReturnType<typeof versionForEdit>>>,
	input: MoveInput
): EditCheck {
	if (v.status !== 'draft') throw new DomainError('timetable_edit_not_draft');
	if (lockedAt(v.cells, input.classId, input.from) || lockedAt(v.cells, input.classId, input.to))
		throw new DomainError('timetable_edit_locked');
	const result = checkMove(v.instance, v.solution, {
		class: classKey(input.classId),
		from: input.from,
		to: input.to
	});
	if (typeof result === 'string') throw new DomainError(EDIT_ERRORS[result]);
	return result;
}

/** What the move would do, without saving (the page explains it before the admin saves). */
export async function previewMove(db: Db, schoolId: number, input: MoveInput) {
	const v = await versionForEdit(db, schoolId, input.versionId);
	if (!v) throw new DomainError('v_not_found');
	const check = checkOn(v, input);
	const rooms = await roomCheck(db, schoolId, v.cells, input.classId, check);
	return { check, rooms, instance: v.instance };
}

function figuresAfter(instance: Instance, solution: Solution, old: TimetableFigures | null) {
	const e = evaluate(instance, solution);
	return {
		placedPeriods: e.placedPeriods,
		totalPeriods: e.placedPeriods + e.unplacedPeriods,
		iterations: old?.iterations ?? 0,
		elapsedMs: old?.elapsedMs ?? 0,
		hardViolations: e.hardTotal,
		softPenalty: e.softPenalty,
		teacherGaps: e.stats.teacherGapsTotal
	} satisfies TimetableFigures;
}

/**
 * Saves a move (or swap) on a draft, against the version the admin loaded. Refused with the rules
 * named when it breaks a hard rule, or when a slot it touches then needs more rooms of a type than
 * the school has (`RoomClashError`); the cells, the figures and the version change together.
 */
export async function saveMove(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: MoveInput & { version: number }
): Promise<EditCheck> {
	return db.transaction().execute(async (trx) => {
		const v = await versionForEdit(trx, schoolId, input.versionId, true);
		if (!v) throw new DomainError('v_not_found');
		if (v.version !== input.version) throw new ConflictError('timetable_versions', v.id);
		const check = checkOn(v, input);
		if (!check.ok) throw new EditRefusedError(check.introduced, v.instance);
		const rooms = await roomCheck(trx, schoolId, v.cells, input.classId, check);
		if (rooms.clashes.length) throw new RoomClashError(rooms.clashes);
		const slotKey = ([d, p]: Slot) => `${d}|${p}`;
		const moving = new Map(check.moved.map((m) => [slotKey(m.from), m.to]));
		const affected = v.cells.filter(
			(c) => c.class_id === input.classId && moving.has(slotKey([c.day, c.period]))
		);
		await trx
			.deleteFrom('timetable_cells')
			.where('version_id', '=', v.id)
			.where('class_id', '=', input.classId)
			.where((eb) =>
				eb.or(affected.map((c) => eb.and([eb('day', '=', c.day), eb('period', '=', c.period)])))
			)
			.execute();
		await trx
			.insertInto('timetable_cells')
			.values(
				affected.map((c) => {
					const [day, period] = moving.get(slotKey([c.day, c.period]))!;
					return { ...c, version_id: v.id, school_id: schoolId, day, period };
				})
			)
			.execute();
		await trx
			.updateTable('timetable_versions')
			.set((eb) => ({
				version: eb('version', '+', 1),
				edited_at: new Date(),
				edited_by: actor.principal.userId,
				figures: JSON.stringify(figuresAfter(v.instance, check.solution, v.figures))
			}))
			.where('id', '=', v.id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: `timetable.${check.kind}`,
			entity: 'timetable_versions',
			entityId: v.id,
			schoolId,
			before: { softPenalty: check.softBefore },
			after: { classId: input.classId, moved: check.moved, softPenalty: check.softAfter },
			requestId: actor.requestId
		});
		return check;
	});
}

/** Locks or unlocks one cell of a draft (a new generation from this draft keeps locked cells). */
export async function setCellLock(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: { versionId: number; version: number; classId: number; slot: Slot; locked: boolean }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const v = await trx
			.selectFrom('timetable_versions')
			.select(['id', 'status', 'version'])
			.where('id', '=', input.versionId)
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if (!v) throw new DomainError('v_not_found');
		if (v.version !== input.version) throw new ConflictError('timetable_versions', v.id);
		if (v.status !== 'draft') throw new DomainError('timetable_edit_not_draft');
		const [day, period] = input.slot;
		const updated = await trx
			.updateTable('timetable_cells')
			.set({ locked: input.locked })
			.where('version_id', '=', v.id)
			.where('class_id', '=', input.classId)
			.where('day', '=', day)
			.where('period', '=', period)
			.executeTakeFirst();
		if (!updated.numUpdatedRows) throw new DomainError('timetable_edit_no_period');
		await trx
			.updateTable('timetable_versions')
			.set((eb) => ({
				version: eb('version', '+', 1),
				edited_at: new Date(),
				edited_by: actor.principal.userId
			}))
			.where('id', '=', v.id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: input.locked ? 'timetable.lock' : 'timetable.unlock',
			entity: 'timetable_versions',
			entityId: v.id,
			schoolId,
			after: { classId: input.classId, day, period },
			requestId: actor.requestId
		});
	});
}

/**
 * A new draft with the cells (and locks) of a draft or published version: the way to change a
 * published timetable (edit the copy, publish it as a new version). Returns the new version's id.
 */
export async function copyVersion(
	db: Db,
	actor: Actor,
	schoolId: number,
	versionId: number
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const src = await trx
			.selectFrom('timetable_versions')
			.selectAll()
			.where('id', '=', versionId)
			.where('school_id', '=', schoolId)
			.where('status', 'in', ['draft', 'published'])
			.executeTakeFirst();
		if (!src) throw new DomainError('timetable_not_copyable');
		const row = await trx
			.insertInto('timetable_versions')
			.values({
				school_id: schoolId,
				semester_id: src.semester_id,
				status: 'draft',
				problem: JSON.stringify(src.problem),
				seed: src.seed,
				time_limit_seconds: src.time_limit_seconds,
				figures: src.figures === null ? null : JSON.stringify(src.figures),
				unplaced: JSON.stringify(src.unplaced),
				based_on: src.id,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('timetable_cells')
			.columns([
				'version_id',
				'school_id',
				'class_id',
				'subject_id',
				'staff_id',
				'kind',
				'day',
				'period',
				'locked'
			])
			.expression((eb) =>
				eb
					.selectFrom('timetable_cells')
					.select([
						sql<number>`${row.id}::integer`.as('version_id'),
						'school_id',
						'class_id',
						'subject_id',
						'staff_id',
						'kind',
						'day',
						'period',
						'locked'
					])
					.where('version_id', '=', src.id)
			)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.copy',
			entity: 'timetable_versions',
			entityId: row.id,
			schoolId,
			after: { basedOn: src.id },
			requestId: actor.requestId
		});
		return row.id;
	});
}
