import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import type { QualityLevel } from '$lib/grades/primary';
import { todayIso } from '$lib/dates';
import { qualityKey, type QualityEntry } from '$lib/schemas/primary';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import { recordPortalUse } from '../usage/portal-use';
import { requirePrimaryClass, type PrimaryClass } from './classes';
import { requireOpen } from './save';
import { recomputePrimaryYear } from './year';
import { enrolledAmong } from '../roster/enrolments';

type Db = Kysely<Database>;

export interface StoredQuality {
	level: QualityLevel;
	version: number;
}

/** The stored ratings of a class's checkpoint, by `<pupil>_<item>`. */
export async function storedQualities(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	studentIds?: number[],
	forUpdate = false
): Promise<Map<string, StoredQuality>> {
	let query = db
		.selectFrom('primary_qualities')
		.select(['student_id', 'item', 'level', 'version'])
		.where('class_id', '=', cls.id)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', '=', checkpoint);
	if (studentIds) query = query.where('student_id', 'in', studentIds);
	if (forUpdate) query = query.forUpdate();
	const rows = await query.execute();
	return new Map(
		rows.map((r) => [
			qualityKey({ studentId: r.student_id, item: r.item }),
			{ level: r.level, version: r.version }
		])
	);
}

/**
 * Saves a checkpoint's quality and competence ratings (Tốt / Đạt / Cần cố gắng) of a primary class
 * ('class.homeroom'; 404 otherwise), all or nothing, with the rules of `saveAssessments`: pupils of
 * the class, a locked checkpoint refused, a stale version a conflict (nothing saved), audited, the
 * year results recomputed for 'year', counted as e-gradebook use.
 */
export async function saveQualities(
	db: Db,
	actor: Actor,
	classId: number,
	checkpoint: Checkpoint,
	entries: QualityEntry[],
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requirePrimaryClass(trx, actor.principal, classId);
		if (!entries.length) return { saved: 0 };
		const ids = [...new Set(entries.map((e) => e.studentId))];
		// the class's pupils of its school year (0360), whatever class they are in now
		const inClass = await enrolledAmong(trx, classId, ids);
		const stranger = entries.find((e) => !inClass.has(e.studentId));
		if (stranger) throw fieldError(qualityKey(stranger), 'grades_pupil_not_in_class');
		await requireOpen(trx, cls, checkpoint, today);
		const stored = await storedQualities(trx, cls, checkpoint, ids, true);
		const changes = entries.filter((e) => (stored.get(qualityKey(e))?.level ?? null) !== e.level);
		const stale = changes.find((e) => (stored.get(qualityKey(e))?.version ?? 0) !== e.version);
		if (stale) throw new ConflictError('primary_qualities', qualityKey(stale));
		if (!changes.length) return { saved: 0 };
		await writeQualities(trx, actor, cls, checkpoint, changes, stored);
		if (checkpoint === 'year') await recomputePrimaryYear(trx, cls, ids);
		await recordPortalUse(trx, {
			userId: actor.principal.userId,
			schoolId: cls.schoolId,
			classId,
			activity: 'grades'
		});
		return { saved: changes.length };
	});
}

async function writeQualities(
	trx: Db,
	actor: Actor,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	changes: QualityEntry[],
	stored: Map<string, StoredQuality>
) {
	const userId = actor.principal.userId;
	const cleared = changes.filter((e) => e.level === null);
	if (cleared.length)
		await trx
			.deleteFrom('primary_qualities')
			.where('school_year_id', '=', cls.schoolYearId)
			.where('checkpoint', '=', checkpoint)
			.where((eb) =>
				eb.or(
					cleared.map((c) => eb.and([eb('student_id', '=', c.studentId), eb('item', '=', c.item)]))
				)
			)
			.execute();
	const set = changes.filter((e) => e.level !== null);
	if (set.length) {
		const written = await trx
			.insertInto('primary_qualities')
			.values(
				set.map((c) => ({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					checkpoint,
					item: c.item,
					level: c.level!,
					version: c.version + 1,
					updated_by: userId,
					updated_at: new Date()
				}))
			)
			.onConflict((oc) =>
				oc
					.columns(['student_id', 'school_year_id', 'checkpoint', 'item'])
					.doUpdateSet((eb) => ({
						level: eb.ref('excluded.level'),
						class_id: eb.ref('excluded.class_id'),
						version: eb.ref('excluded.version'),
						updated_by: eb.ref('excluded.updated_by'),
						updated_at: eb.ref('excluded.updated_at')
					}))
					.where('primary_qualities.version', '=', (eb) => eb(eb.ref('excluded.version'), '-', 1))
			)
			.returning(['student_id', 'item'])
			.execute();
		// a rating inserted concurrently (version 0 loaded): a conflict, nothing saved
		if (written.length !== set.length) throw new ConflictError('primary_qualities', cls.id);
	}
	await writeAuditMany(
		trx,
		changes.map((c) => ({
			actorUserId: userId,
			action: 'primary.quality.save',
			entity: 'primary_quality',
			entityId: `${c.studentId}:${cls.schoolYearId}:${checkpoint}:${c.item}`,
			schoolId: cls.schoolId,
			before: stored.has(qualityKey(c)) ? { level: stored.get(qualityKey(c))!.level } : null,
			after: { level: c.level },
			requestId: actor.requestId
		}))
	);
}
