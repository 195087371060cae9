import { sql, type Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import {
	bellCount,
	periodLabels,
	bellIssues,
	DEFAULT_PERIOD_MINUTES,
	resolveBells,
	type BellSettings,
	type Bells
} from '../../timetable/bells';
import { DEFAULT_SETTINGS } from './problem';

type Db = Kysely<Database>;

const DEFAULT_BELL_SETTINGS: BellSettings = {
	sessions: DEFAULT_SETTINGS.sessions,
	periodsPerSession: DEFAULT_SETTINGS.periodsPerSession,
	bellStarts: null,
	periodMinutes: DEFAULT_PERIOD_MINUTES
};

async function bellRows(db: Db, schoolIds: number[]) {
	if (!schoolIds.length) return [];
	return db
		.selectFrom('timetable_settings')
		.select(['school_id', 'sessions', 'periods_per_session', 'bell_starts', 'period_minutes'])
		.where('school_id', 'in', schoolIds)
		.execute();
}

const settingsOf = (r: Awaited<ReturnType<typeof bellRows>>[number]): BellSettings => ({
	sessions: r.sessions,
	periodsPerSession: r.periods_per_session,
	bellStarts: r.bell_starts,
	periodMinutes: r.period_minutes
});

/** Each school's bells (the default day for a school without settings). One query. */
export async function bellsOf(db: Db, schoolIds: number[]): Promise<Map<number, Bells>> {
	const rows = new Map((await bellRows(db, schoolIds)).map((r) => [r.school_id, r]));
	return new Map(
		schoolIds.map((id) => {
			const row = rows.get(id);
			return [id, resolveBells(row ? settingsOf(row) : DEFAULT_BELL_SETTINGS)];
		})
	);
}

export async function schoolBells(db: Db, schoolId: number): Promise<Bells> {
	return (await bellsOf(db, [schoolId])).get(schoolId)!;
}

/**
 * The bells the school saved, or null when it never set them (or the week changed since): the
 * whole-school grid, its export and the JSON API show clock times only for saved bells.
 */
export async function savedBells(db: Db, schoolId: number): Promise<Bells | null> {
	const [row] = await bellRows(db, [schoolId]);
	if (!row?.bell_starts || row.bell_starts.length !== bellCount(settingsOf(row))) return null;
	return resolveBells(settingsOf(row));
}

/** The bells of the school of a timetable version (the default day for an unknown version). */
export async function bellsOfVersion(db: Db, versionId: number): Promise<Bells> {
	const row = await db
		.selectFrom('timetable_versions')
		.select('school_id')
		.where('id', '=', versionId)
		.executeTakeFirst();
	return row ? schoolBells(db, row.school_id) : resolveBells(DEFAULT_BELL_SETTINGS);
}

/** The period times ("07:00–07:45") of each version, from its school's bells and its day. */
export async function periodLabelsOfVersions(
	db: Db,
	versionIds: number[]
): Promise<Map<number, string[]>> {
	if (!versionIds.length) return new Map();
	const rows = await db
		.selectFrom('timetable_versions')
		.select(['id', 'school_id', sql<number>`(problem->>'periodsPerDay')::int`.as('periodsPerDay')])
		.where('id', 'in', versionIds)
		.execute();
	const bells = await bellsOf(db, [...new Set(rows.map((r) => r.school_id))]);
	return new Map(
		rows.map((r) => [r.id, periodLabels(bells.get(r.school_id)!, Number(r.periodsPerDay) || 0)])
	);
}

export interface BellForm extends Bells {
	/** periods of the day the form asks a start for */
	count: number;
	/** false while the school uses the default day */
	isSet: boolean;
	/** of timetable_settings (0: never saved) */
	version: number;
}

/** What the bell form shows: the school's bells, one per period of its day. */
export async function bellForm(db: Db, schoolId: number): Promise<BellForm> {
	const row = await db
		.selectFrom('timetable_settings')
		.select(['sessions', 'periods_per_session', 'bell_starts', 'period_minutes', 'version'])
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	const settings = row
		? settingsOf({ ...row, school_id: schoolId })
		: (DEFAULT_BELL_SETTINGS satisfies BellSettings);
	const bells = resolveBells(settings);
	return {
		...bells,
		count: bellCount(settings),
		isSet: !!row?.bell_starts && row.bell_starts.length === bellCount(settings),
		version: row?.version ?? 0
	};
}

export interface BellsInput extends Bells {
	version: number;
}

/**
 * Saves the school's bell times against the version of its settings loaded (stale: conflict).
 * The rules are checked again against the week as it is in the transaction.
 */
export async function saveBells(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: BellsInput
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('timetable_settings')
			.select(['sessions', 'periods_per_session', 'bell_starts', 'period_minutes', 'version'])
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if ((before?.version ?? 0) !== input.version)
			throw new ConflictError('timetable_settings', schoolId);
		const settings = before
			? settingsOf({ ...before, school_id: schoolId })
			: DEFAULT_BELL_SETTINGS;
		const [issue] = bellIssues(input.starts, input.periodMinutes, bellCount(settings));
		if (issue)
			throw new DomainError(
				issue.code,
				issue.params ?? {},
				issue.index === null ? undefined : `bell_${issue.index}`
			);
		const values = {
			bell_starts: input.starts,
			period_minutes: input.periodMinutes,
			updated_by: actor.principal.userId,
			updated_at: new Date()
		};
		const saved = before
			? await trx
					.updateTable('timetable_settings')
					.set((eb) => ({ ...values, version: eb('version', '+', 1) }))
					.where('school_id', '=', schoolId)
					.where('version', '=', input.version)
					.returning('school_id')
					.executeTakeFirst()
			: await trx
					.insertInto('timetable_settings')
					.values({ school_id: schoolId, ...values })
					.onConflict((oc) => oc.column('school_id').doNothing())
					.returning('school_id')
					.executeTakeFirst();
		if (!saved) throw new ConflictError('timetable_settings', schoolId);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.bells',
			entity: 'timetable_settings',
			entityId: schoolId,
			schoolId,
			before: { starts: resolveBells(settings).starts, periodMinutes: settings.periodMinutes },
			after: { starts: input.starts, periodMinutes: input.periodMinutes },
			requestId: actor.requestId
		});
	});
}
