import type { Kysely } from 'kysely';
import { todayIso } from '$lib/dates';
import { HOMEROOM_COMMENT_MAX, hasCommentProblem, parseCommentText } from '$lib/schemas/grades';
import type { CommentTerm, HomeroomCommentEntry } from '$lib/schemas/homeroom';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError } from '../errors';
import { inTransaction } from './checkpoints';
import { conductLocks, requireHomeroomClass, requirePupils } from './homeroom';

type Db = Kysely<Database>;

/**
 * The homeroom teacher's comment on each pupil's semester (nhận xét của GVCN, migration 0322):
 * written on /teacher/homeroom/<class>/comments, shown on the report card once the school has
 * published it. Read-only once the term's conduct is (end-of-term I lock for semester I, the year
 * lock for semester II): the comment goes with the term's conduct.
 */
export interface HomeroomComment {
	body: string;
	version: number;
}

/** The comments of a class's pupils for a term, by pupil. */
export async function classHomeroomComments(
	db: Db,
	cls: { id: number; schoolYearId: number },
	term: CommentTerm
): Promise<Map<number, HomeroomComment>> {
	const rows = await db
		.selectFrom('homeroom_comments')
		.select(['student_id', 'body', 'version'])
		.where('class_id', '=', cls.id)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('term', '=', term)
		.execute();
	return new Map(rows.map((r) => [r.student_id, { body: r.body, version: r.version }]));
}

/** A pupil's comments of a school year, semesters up to `last`: [semester, text] with text only. */
export async function pupilHomeroomComments(
	db: Db,
	studentId: number,
	schoolYearId: number,
	last: 1 | 2
): Promise<Array<{ term: 1 | 2; body: string }>> {
	const rows = await db
		.selectFrom('homeroom_comments')
		.select(['term', 'body'])
		.where('student_id', '=', studentId)
		.where('school_year_id', '=', schoolYearId)
		.where('body', '<>', '')
		.orderBy('term')
		.execute();
	return rows
		.map((r) => ({ term: Number(r.term) as 1 | 2, body: r.body }))
		.filter((r) => r.term <= last);
}

/**
 * The typed texts as they will be stored, or the error code beside each pupil (`c_<id>`): NFC,
 * line breaks kept, trimmed, at most 1,000 characters, no control characters.
 */
export function checkHomeroomComments(entries: HomeroomCommentEntry[]): {
	bodies: Map<number, string>;
	errors: Record<string, { code: string; max: number }>;
} {
	const bodies = new Map<number, string>();
	const errors: Record<string, { code: string; max: number }> = {};
	for (const e of entries) {
		const parsed = parseCommentText(e.text, HOMEROOM_COMMENT_MAX);
		if (parsed.ok) bodies.set(e.studentId, parsed.body);
		else errors[`c_${e.studentId}`] = { code: parsed.code, max: parsed.max };
	}
	return { bodies, errors };
}

/**
 * Saves a term's comments of a class ('class.homeroom' through requireHomeroomClass, 404 otherwise),
 * all or nothing: every pupil must be the class's, every text valid, every stored version the one
 * the form loaded (else ConflictError, nothing saved); a locked term is refused. Only changed texts
 * are written, each audited with its old and new text.
 */
export async function saveHomeroomComments(
	db: Db,
	actor: Actor,
	classId: number,
	term: CommentTerm,
	entries: HomeroomCommentEntry[],
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireHomeroomClass(trx, actor.principal, classId);
		const ids = entries.map((e) => e.studentId);
		await requirePupils(trx, classId, ids, (id) => `c_${id}`);
		if ((await conductLocks(trx, cls, today))[term]) throw new DomainError('grades_conduct_locked');
		const { bodies, errors } = checkHomeroomComments(entries);
		const [field, first] = Object.entries(errors)[0] ?? [];
		if (field) throw fieldError(field, first.code, { max: first.max });
		const stored = ids.length
			? await trx
					.selectFrom('homeroom_comments')
					.select(['student_id', 'body', 'version'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.where('term', '=', term)
					.forUpdate()
					.execute()
			: [];
		const before = new Map(stored.map((s) => [s.student_id, s]));
		const stale = entries.find((e) => (before.get(e.studentId)?.version ?? 0) !== e.version);
		if (stale) throw new ConflictError('homeroom_comment', stale.studentId);
		const changes = entries
			.map((e) => ({ studentId: e.studentId, body: bodies.get(e.studentId)! }))
			.filter((c) => c.body !== (before.get(c.studentId)?.body ?? ''));
		if (!changes.length) return { saved: 0 };
		for (const c of changes) {
			const problem = hasCommentProblem(c.body, HOMEROOM_COMMENT_MAX);
			if (problem) throw fieldError(`c_${c.studentId}`, problem, { max: HOMEROOM_COMMENT_MAX });
		}
		const written = await trx
			.insertInto('homeroom_comments')
			.values(
				changes.map((c) => ({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					term,
					body: c.body,
					updated_by: actor.principal.userId,
					updated_at: new Date()
				}))
			)
			.onConflict((oc) =>
				oc.columns(['student_id', 'school_year_id', 'term']).doUpdateSet((eb) => ({
					body: eb.ref('excluded.body'),
					class_id: eb.ref('excluded.class_id'),
					version: eb('homeroom_comments.version', '+', 1),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
			)
			.returning(['student_id', 'version'])
			.execute();
		// a row inserted concurrently (version 0 loaded, but the upsert updated it): a conflict
		const raced = written.find((w) => w.version !== (before.get(w.student_id)?.version ?? 0) + 1);
		if (raced) throw new ConflictError('homeroom_comment', raced.student_id);
		await writeAuditMany(
			trx,
			changes.map((c) => ({
				actorUserId: actor.principal.userId,
				action: 'grades.homeroom_comment.save',
				entity: 'homeroom_comment',
				entityId: `${c.studentId}:${cls.schoolYearId}:${term}`,
				schoolId: cls.schoolId,
				before: before.has(c.studentId) ? { body: before.get(c.studentId)!.body } : null,
				after: { body: c.body },
				requestId: actor.requestId
			}))
		);
		return { saved: changes.length };
	});
}
