import { sql, type Kysely } from 'kysely';
import { COMMENT_MAX, hasCommentProblem } from '$lib/schemas/grades';
import { writeAuditMany } from '../audit';
import { writerOf, type GradesActor } from './caller';
import type { Database } from '../db/schema';
import { fieldError } from '../errors';
import type { GradebookScope } from './queries';

type Db = Kysely<Database>;

/** A subject teacher's comment (nhận xét) of one pupil in a gradebook, with its version. */
export interface CommentView {
	body: string;
	version: number;
}

export interface CommentChange extends CommentView {
	studentId: number;
}

/** The field of a comment in errors and forms: `c_<pupil>`. */
export const commentKey = (c: { studentId: number }) => `c_${c.studentId}`;

/** The stored comments of some pupils in a subject and semester; `forUpdate` locks them. */
export async function storedComments(
	db: Db,
	studentIds: number[],
	subjectId: number,
	semesterId: number,
	forUpdate = false
): Promise<Map<number, CommentView>> {
	if (!studentIds.length) return new Map();
	let query = db
		.selectFrom('grade_comments')
		.select(['student_id', 'body', 'version'])
		.where('student_id', 'in', studentIds)
		.where('subject_id', '=', subjectId)
		.where('semester_id', '=', semesterId);
	if (forUpdate) query = query.forUpdate();
	const rows = await query.execute();
	return new Map(rows.map((r) => [r.student_id, { body: r.body, version: r.version }]));
}

/** The service's own check of every comment (the API path does not go through the form). */
export function validateComments(comments: CommentChange[]): void {
	const seen = new Set<number>();
	for (const c of comments) {
		const key = commentKey(c);
		if (seen.has(c.studentId)) throw fieldError(key, 'v_duplicate');
		seen.add(c.studentId);
		if (!Number.isSafeInteger(c.version) || c.version < 0) throw fieldError(key, 'v_invalid');
		const problem = hasCommentProblem(c.body, COMMENT_MAX);
		if (problem) throw fieldError(key, problem, { max: COMMENT_MAX });
	}
}

/**
 * Writes changed comments in one statement with its own version check (as `writeChanges` does for
 * cells) and audits each in one insert. Returns the pupils whose comment someone else saved first.
 */
export async function writeComments(
	trx: Db,
	actor: GradesActor,
	scope: GradebookScope,
	changes: CommentChange[],
	stored: Map<number, CommentView>
): Promise<number[]> {
	if (!changes.length) return [];
	const writer = writerOf(actor);
	const userId = writer.userId;
	const now = new Date();
	const written = await trx
		.insertInto('grade_comments')
		.values(
			changes.map((c) => ({
				school_id: scope.schoolId,
				student_id: c.studentId,
				subject_id: scope.subjectId,
				semester_id: scope.semesterId,
				class_id: scope.classId,
				body: c.body,
				version: c.version + 1,
				updated_by: userId,
				updated_at: now
			}))
		)
		.onConflict((oc) =>
			oc
				.constraint('grade_comments_key')
				.doUpdateSet((eb) => ({
					body: eb.ref('excluded.body'),
					version: eb.ref('excluded.version'),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
				.where(sql<boolean>`grade_comments.version + 1 = excluded.version`)
		)
		.returning('student_id')
		.execute();
	const done = new Set(written.map((r) => r.student_id));
	const lost = changes.filter((c) => !done.has(c.studentId)).map((c) => c.studentId);
	if (lost.length) return lost;
	await writeAuditMany(
		trx,
		changes.map((c) => {
			const before = stored.get(c.studentId);
			return {
				actorUserId: userId,
				action: 'grades.comment.save',
				entity: 'grade_comment',
				entityId: `${c.studentId}:${scope.subjectId}:${scope.semesterId}`,
				schoolId: scope.schoolId,
				before: before ?? null,
				after: { body: c.body, version: c.version + 1, ...writer.via },
				requestId: writer.requestId
			};
		})
	);
	return [];
}
