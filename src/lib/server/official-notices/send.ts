import { sql, type Kysely } from 'kysely';
import { grantsWith } from '$lib/auth/permissions';
import type { OfficialNoticeInput } from '$lib/schemas/official-notices';
import * as m from '$lib/paraglide/messages';
import { writeAudit, type Actor } from '../audit';
import { schoolWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { DomainError, fieldError } from '../errors';
import {
	withStoredFiles,
	type AttachmentStorage,
	type StoredAttachment,
	type UploadedFile
} from '../messages/attachments';
import { enqueueDelivery } from '../messages/outbox';
import { insertOfficialFiles } from './files';

/**
 * Sending an official notice: the department writes to the schools of the province (or of one of
 * its areas), an area office to the schools of its area; both may narrow it to listed schools of
 * that scope. The notice is written once and fanned out to one `official_notice_schools` row per
 * target school by one INSERT ... SELECT in the sending transaction; the e-mails of the readers who
 * asked for them go through the outbox (`messages.deliver` job) in the same transaction.
 */

export interface NoticeScope {
	departmentId: number;
	/** null: the province */
	areaId: number | null;
}

/** The scope the sender writes in: the department, or one area the sender holds (else a field error). */
export async function resolveScope(
	db: DB,
	principal: Principal,
	area: number | null
): Promise<NoticeScope> {
	const grants = grantsWith(principal.roles, 'official_notices.send');
	const departments = grants.flatMap((g) =>
		g.role === 'department' && g.departmentId !== null ? [g.departmentId] : []
	);
	const areas = grants.flatMap((g) => (g.role === 'area' && g.areaId !== null ? [g.areaId] : []));
	let chosen = area;
	if (chosen === null) {
		if (departments.length) return { departmentId: departments[0], areaId: null };
		if (areas.length !== 1) throw fieldError('area', 'official_notices_area_required');
		chosen = areas[0];
	}
	const row = await db
		.selectFrom('areas')
		.select(['id', 'department_id'])
		.where('id', '=', chosen)
		.executeTakeFirst();
	if (!row || !(departments.includes(row.department_id) || areas.includes(row.id)))
		throw fieldError('area', 'official_notices_unknown_area');
	return { departmentId: row.department_id, areaId: row.id };
}

/** The active schools of the scope (and of the list, when given), as a predicate on `s`. */
function targetWhere(principal: Principal, scope: NoticeScope, codes: string[]) {
	return sql`s.active and s.department_id = ${scope.departmentId}
		${scope.areaId === null ? sql`` : sql`and s.area_id = ${scope.areaId}`}
		${codes.length ? sql`and s.code = any(${codes}::text[])` : sql``}
		and ${schoolWhere(principal, 'official_notices.send', 's')}`;
}

/** Listed codes that are not schools of the scope: unknown and out of scope read alike. */
async function checkCodes(db: DB, principal: Principal, scope: NoticeScope, codes: string[]) {
	if (!codes.length) return;
	const { rows } = await sql<{ code: string }>`select s.code from schools s
		where ${targetWhere(principal, scope, codes)}`.execute(db);
	const found = new Set(rows.map((r) => r.code));
	const missing = codes.filter((c) => !found.has(c));
	if (missing.length)
		throw fieldError('schools', 'official_notices_unknown_schools', {
			codes: missing.slice(0, 10).join(', ')
		});
}

/** Writes the notice and its schools in the caller's transaction (the bench and seed call it too). */
export async function insertOfficialNotice(
	trx: Kysely<Database>,
	principal: Principal,
	scope: NoticeScope,
	input: Pick<OfficialNoticeInput, 'title' | 'body' | 'includeTeachers' | 'schools'>
): Promise<{ id: number; schools: number }> {
	const notice = await trx
		.insertInto('official_notices')
		.values({
			department_id: scope.departmentId,
			area_id: scope.areaId,
			title: input.title,
			body: input.body,
			include_teachers: input.includeTeachers,
			sent_by: principal.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const result = await sql`insert into official_notice_schools (notice_id, school_id)
		select ${notice.id}::int, s.id from schools s
		where ${targetWhere(principal, scope, input.schools)}`.execute(trx);
	const schools = Number(result.numAffectedRows ?? 0);
	if (schools === 0) throw new DomainError('official_notices_no_schools');
	await trx
		.updateTable('official_notices')
		.set({ school_count: schools })
		.where('id', '=', notice.id)
		.execute();
	return { id: notice.id, schools };
}

/** The readers of a notice: the target schools' admins, and their teachers when included. */
function readerIds(noticeId: number, includeTeachers: boolean) {
	return sql`select ra.user_id from role_assignments ra
		join official_notice_schools ons on ons.school_id = ra.school_id
		where ons.notice_id = ${noticeId}
			and (ra.role = 'school_admin' or (${includeTeachers}::boolean and ra.role = 'teacher'))`;
}

/**
 * Sends a notice: checks the scope and the listed schools, stores its files (checked like message
 * attachments; removed if the notice is refused), writes, queues the e-mails, audits.
 */
export async function sendOfficialNotice(
	db: DB,
	actor: Actor,
	input: OfficialNoticeInput,
	attach?: { storage: AttachmentStorage; files: UploadedFile[] }
): Promise<{ id: number; schools: number }> {
	const principal = actor.principal;
	const scope = await resolveScope(db, principal, input.area);
	await checkCodes(db, principal, scope, input.schools);
	const write = (stored: StoredAttachment[]) =>
		db.transaction().execute(async (trx) => {
			const sent = await insertOfficialNotice(trx, principal, scope, input);
			await insertOfficialFiles(trx, sent.id, principal.userId, stored);
			await enqueueDelivery(trx, {
				batchKey: `official-notice:${sent.id}`,
				kind: 'notice',
				recipients: readerIds(sent.id, input.includeTeachers),
				subject: m.outbox_notice_subject({ title: input.title }, { locale: 'vi' }),
				text: m.outbox_notice_body({ title: input.title }, { locale: 'vi' }),
				path: '/'
			});
			await writeAudit(trx, {
				actorUserId: principal.userId,
				action: 'official_notice.send',
				entity: 'official_notice',
				entityId: sent.id,
				after: { title: input.title, ...scope, schools: sent.schools, files: stored.length },
				requestId: actor.requestId
			});
			return sent;
		});
	return attach?.files.length ? withStoredFiles(attach.storage, attach.files, write) : write([]);
}
