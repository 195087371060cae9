import type { TeachingPermission } from '$lib/auth/permissions';
import { errorText } from '$lib/i18n/errors';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import {
	cellText,
	COMMENT_MAX,
	parseCellText,
	parseCommentText,
	sameCell,
	type PostedCell,
	type PostedComment
} from '$lib/schemas/grades';
import { routeId, type Actor, type Scope } from '../action';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { requireGradebook, type GradebookScope } from './queries';
import {
	cellKey,
	GradebookConflictError,
	InvalidCellsError,
	saveCells,
	type CellChange
} from './service';
import { commentKey, type CommentChange } from './comments';

/** The gradebook of the URL's class, subject and semester, on which the caller holds `permission`. */
export function gradebookScope(
	permission: TeachingPermission
): Scope<{ gradebook: GradebookScope }> {
	return async (ctx) => ({
		gradebook: await requireGradebook(
			ctx.db,
			ctx.principal,
			permission,
			routeId(ctx.event.params.classId),
			routeId(ctx.event.params.subjectId),
			routeId(ctx.event.params.semesterId)
		)
	});
}

/** What a refused save hands back to the page: the typed texts, and why, beside each cell. */
export interface GradebookFailure {
	message: string;
	values: Record<string, string>;
	errors: Record<string, string>;
	conflicts: Record<string, string>;
}

/** Typed text echoed back is capped: a 100k-character paste is refused, not re-rendered whole. */
const ECHO_LIMIT = 30;

/**
 * The plain-form save: reads each posted cell, keeps only those the user changed (the typed text
 * means something else than the text the cell was loaded with), and saves them all or none.
 */
export async function submitGradebook(
	db: DB,
	actor: Actor,
	book: GradebookScope,
	posted: PostedCell[],
	postedNotes: PostedComment[] = []
): Promise<{ ok: true } | { ok: false; status: number; failure: GradebookFailure }> {
	const values = Object.fromEntries([
		...posted.map((c) => [cellKey(c), c.text.slice(0, ECHO_LIMIT)]),
		...postedNotes.map((c) => [commentKey(c), c.text.slice(0, COMMENT_MAX + 20)])
	]);
	const fail = (status: number, part: Partial<GradebookFailure>) => ({
		ok: false as const,
		status,
		failure: { message: '', errors: {}, conflicts: {}, values, ...part }
	});
	const errors: Record<string, string> = {};
	const changes: CellChange[] = [];
	for (const cell of posted) {
		const typed = parseCellText(cell.text, book.plan.assessment);
		if (!typed.ok) {
			errors[cellKey(cell)] = errorText(typed.code);
			continue;
		}
		const original = parseCellText(cell.original, book.plan.assessment);
		if (original.ok && sameCell(original.cell, typed.cell)) continue;
		changes.push({
			...typed.cell,
			studentId: cell.studentId,
			column: cell.column,
			version: cell.version
		});
	}
	const notes = commentChanges(postedNotes, errors);
	const count = Object.keys(errors).length;
	if (count) return fail(400, { errors, message: m.grades_has_errors({ count }) });
	try {
		await saveCells(db, actor, book.classId, book.subjectId, book.semesterId, changes, notes);
		return { ok: true };
	} catch (err) {
		if (err instanceof GradebookConflictError) {
			const conflicts = Object.fromEntries([
				...err.cells.map((c) => [cellKey(c), cellText(c, getLocale()) || m.grades_empty_value()]),
				...err.comments.map((c) => [commentKey(c), c.body || m.grades_empty_value()])
			]);
			const n = err.cells.length + err.comments.length;
			return fail(409, { conflicts, message: m.grades_has_conflicts({ count: n }) });
		}
		if (err instanceof InvalidCellsError) {
			const found = Object.fromEntries(
				err.problems.map((p) => [p.field, errorText(p.code, p.params)])
			);
			const count = err.problems.length;
			return fail(400, { errors: found, message: m.grades_has_errors({ count }) });
		}
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

/** The comments whose text changed, each checked (length, control characters); errors beside them. */
function commentChanges(posted: PostedComment[], errors: Record<string, string>): CommentChange[] {
	const changes: CommentChange[] = [];
	for (const c of posted) {
		const typed = parseCommentText(c.text);
		if (!typed.ok) {
			errors[commentKey(c)] = errorText(typed.code, { max: typed.max });
			continue;
		}
		const original = parseCommentText(c.original);
		if (original.ok && original.body === typed.body) continue;
		changes.push({ studentId: c.studentId, body: typed.body, version: c.version });
	}
	return changes;
}
