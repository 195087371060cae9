/**
 * Checkpoints of a school year (Circular 22, Arts. 6–7; Circular 27 uses the same four): mid-term I,
 * end of term I, mid-term II, end of term II and year. Per checkpoint the school sets an entry
 * window (the period in which the checkpoint's periodic column is entered) and a lock date, and
 * publishes results to parents. Pure functions: days are 'yyyy-mm-dd' strings (Vietnam days).
 *
 * Readings (documented in DEVELOPERS.md):
 * - The mid-term checkpoint of a semester covers its GK column; the end-of-term checkpoint covers
 *   the whole semester (TX, GK, CK and the semester results). Regular (TX) assessments go on all
 *   semester: their entry is open until the end-of-term lock.
 * - The window only concerns the periodic column (GK at mid-term, CK at the end): before it opens
 *   entry is refused, after it closes entry is late (accepted, and shown to the admin), from the
 *   lock date the cells are read-only and only a correction request can change them.
 */

export const CHECKPOINTS = ['mid1', 'end1', 'mid2', 'year'] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

export interface CheckpointDates {
	opensOn: string | null;
	closesOn: string | null;
	locksOn: string | null;
}

export type CheckpointSettings = Partial<Record<Checkpoint, CheckpointDates>>;

export type EntryState = 'not_open' | 'open' | 'late' | 'locked';

export function isCheckpoint(value: unknown): value is Checkpoint {
	return typeof value === 'string' && (CHECKPOINTS as readonly string[]).includes(value);
}

/** The semester (1 or 2) a checkpoint belongs to. */
export function checkpointSemester(checkpoint: Checkpoint): 1 | 2 {
	return checkpoint === 'mid1' || checkpoint === 'end1' ? 1 : 2;
}

export function isMidterm(checkpoint: Checkpoint): boolean {
	return checkpoint === 'mid1' || checkpoint === 'mid2';
}

export const midtermOf = (semester: 1 | 2): Checkpoint => (semester === 1 ? 'mid1' : 'mid2');
export const endOf = (semester: 1 | 2): Checkpoint => (semester === 1 ? 'end1' : 'year');

function semesterOf(n: number): 1 | 2 {
	if (n !== 1 && n !== 2) throw new RangeError('semester must be 1 or 2');
	return n;
}

/** Is the checkpoint locked on `today`? (From the lock day on, Vietnam time.) */
export function isLocked(dates: CheckpointDates | undefined, today: string): boolean {
	return !!dates?.locksOn && today >= dates.locksOn;
}

/** The entry state of a checkpoint's periodic column on `today`. */
export function entryState(dates: CheckpointDates | undefined, today: string): EntryState {
	if (!dates) return 'open';
	if (isLocked(dates, today)) return 'locked';
	if (dates.opensOn && today < dates.opensOn) return 'not_open';
	if (dates.closesOn && today > dates.closesOn) return 'late';
	return 'open';
}

export interface ColumnEntry {
	state: EntryState;
	/** the checkpoint that decides: the lock's, or the window's */
	checkpoint: Checkpoint;
	/** the day the window opens (for "not open yet") */
	opensOn: string | null;
}

/**
 * Whether a gradebook column of a semester may be entered on `today`: locked when the semester's
 * end-of-term checkpoint is locked, or (GK) when its mid-term checkpoint is; otherwise the window of
 * the column's checkpoint (GK: mid-term, CK: end of term; TX: always open).
 */
export function columnEntry(
	semesterNumber: number,
	column: string,
	settings: CheckpointSettings,
	today: string
): ColumnEntry {
	const semester = semesterOf(semesterNumber);
	const end = endOf(semester);
	const mid = midtermOf(semester);
	if (isLocked(settings[end], today)) return { state: 'locked', checkpoint: end, opensOn: null };
	if (column === 'gk' || column === 'ck') {
		const checkpoint = column === 'gk' ? mid : end;
		const dates = settings[checkpoint];
		return { state: entryState(dates, today), checkpoint, opensOn: dates?.opensOn ?? null };
	}
	return { state: 'open', checkpoint: end, opensOn: null };
}

/** The columns of a semester gradebook that a checkpoint covers (publication, missing counts). */
export function checkpointColumns(checkpoint: Checkpoint, planColumns: string[]): string[] {
	return isMidterm(checkpoint) ? planColumns.filter((c) => c === 'gk') : planColumns;
}

export type DatesProblem = { field: keyof CheckpointDates; code: string } | null;

/** The dates of a checkpoint in order: opens ≤ closes ≤ locks (any may be unset). */
export function checkpointDatesProblem(dates: CheckpointDates): DatesProblem {
	const { opensOn, closesOn, locksOn } = dates;
	if (opensOn && closesOn && closesOn < opensOn)
		return { field: 'closesOn', code: 'grades_closes_before_opens' };
	if (locksOn && closesOn && locksOn < closesOn)
		return { field: 'locksOn', code: 'grades_locks_before_closes' };
	if (locksOn && opensOn && locksOn < opensOn)
		return { field: 'locksOn', code: 'grades_locks_before_opens' };
	return null;
}

/**
 * What a parent may see of a semester, from the checkpoints published to the class: nothing, the
 * mid-term column only, or the whole semester (its cells and results).
 */
export function publishedView(
	semesterNumber: number,
	published: ReadonlySet<Checkpoint>
): 'none' | 'midterm' | 'semester' {
	const semester = semesterOf(semesterNumber);
	if (published.has(endOf(semester))) return 'semester';
	if (published.has(midtermOf(semester))) return 'midterm';
	return 'none';
}
