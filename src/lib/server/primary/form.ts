import type { Checkpoint } from '$lib/grades/checkpoints';
import { errorText } from '$lib/i18n/errors';
import * as m from '$lib/paraglide/messages';
import { parseCommentText } from '$lib/schemas/grades';
import { parseTestText, primaryKey, type PrimaryEntry } from '$lib/schemas/primary';
import type { Actor } from '../audit';
import type { DB } from '../db';
import { ConflictError, DomainError } from '../errors';
import type { PrimaryClass } from './classes';
import { PrimaryConflictError, saveAssessments, type AssessmentChange } from './save';

/** What a refused save hands back: the typed texts by field, and why, beside each cell. */
export interface PrimaryFailure {
	message: string;
	values: Record<string, string>;
	errors: Record<string, string>;
	conflicts: Record<string, string>;
}

const ECHO_LIMIT = 600;

function echo(entries: PrimaryEntry[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const e of entries) {
		const key = primaryKey(e);
		if (e.level !== undefined) values[`l_${key}`] = e.level ?? '';
		if (e.test !== undefined) values[`t_${key}`] = e.test.slice(0, ECHO_LIMIT);
		if (e.comment !== undefined) values[`c_${key}`] = e.comment.slice(0, ECHO_LIMIT);
	}
	return values;
}

/** The posted texts as changes; a refused text's error beside its field. */
function changesOf(entries: PrimaryEntry[], errors: Record<string, string>): AssessmentChange[] {
	return entries.map((e) => {
		const key = primaryKey(e);
		const change: AssessmentChange = {
			studentId: e.studentId,
			subjectId: e.subjectId,
			version: e.version
		};
		if (e.level !== undefined) change.level = e.level;
		if (e.test !== undefined) {
			const test = parseTestText(e.test);
			if (test.ok) change.testScore = test.value;
			else errors[`t_${key}`] = errorText(test.code);
		}
		if (e.comment !== undefined) {
			const comment = parseCommentText(e.comment);
			if (comment.ok) change.comment = comment.body;
			else errors[`c_${key}`] = errorText(comment.code, { max: comment.max });
		}
		return change;
	});
}

const levelText = (c: { level: string | null; testScore: number | null }) =>
	[c.level ?? '–', c.testScore === null ? '' : String(c.testScore)].filter(Boolean).join(' · ');

/** The plain-form save of the grid: every text checked first, then all or nothing. */
export async function submitPrimary(
	db: DB,
	actor: Actor,
	cls: PrimaryClass,
	checkpoint: Checkpoint,
	entries: PrimaryEntry[],
	/** the scope's save (default: the homeroom teacher's, every subject of the class) */
	save: (changes: AssessmentChange[]) => Promise<{ saved: number }> = (changes) =>
		saveAssessments(db, actor, cls.id, checkpoint, changes)
): Promise<{ ok: true; saved: number } | { ok: false; status: number; failure: PrimaryFailure }> {
	const values = echo(entries);
	const fail = (status: number, part: Partial<PrimaryFailure>) => ({
		ok: false as const,
		status,
		failure: { message: '', errors: {}, conflicts: {}, values, ...part }
	});
	const errors: Record<string, string> = {};
	const changes = changesOf(entries, errors);
	const count = Object.keys(errors).length;
	if (count) return fail(400, { errors, message: m.grades_has_errors({ count }) });
	try {
		const { saved } = await save(changes);
		return { ok: true, saved };
	} catch (err) {
		if (err instanceof PrimaryConflictError) {
			const conflicts = Object.fromEntries(
				err.cells.map((c) => [primaryKey(c), levelText(c) || m.grades_empty_value()])
			);
			return fail(409, { conflicts, message: m.grades_has_conflicts({ count: err.cells.length }) });
		}
		if (err instanceof ConflictError) return fail(409, { message: m.error_conflict() });
		if (err instanceof DomainError) {
			const text = errorText(err.code, err.params);
			if (err.field)
				return fail(400, {
					errors: { [err.field]: text },
					message: m.grades_has_errors({ count: 1 })
				});
			return fail(400, { message: text });
		}
		throw err;
	}
}
