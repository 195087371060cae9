import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../session';
import { FALSE } from './common';
import { schoolIdWhere } from './school';

/**
 * Which inbox a conversation is read from: the family's (/parent/messages), the teacher's
 * (/teacher/messages) or the school office's (/schools/[id]/messages).
 */
export type ConversationView = 'family' | 'staff' | 'office';

/**
 * A predicate on a `conversations` row (under `alias`): the conversations the principal may read
 * in `view`. Family and teacher: only conversations they take part in (a participant row on that
 * side); the office: the office conversations of the schools the principal administers. Nobody
 * else reads a conversation, whatever their role.
 */
export function conversationWhere(
	principal: Principal,
	view: ConversationView,
	alias = 'conversations'
): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	if (view === 'office') {
		const schools = principal.roles.flatMap((g) =>
			g.role === 'school_admin' && g.schoolId !== null ? [g.schoolId] : []
		);
		if (!schools.length) return FALSE;
		return sql<SqlBool>`(${col('kind')} = 'office' and ${col('school_id')} in (${sql.join(schools)}))`;
	}
	const side = view === 'family' ? 'family' : 'staff';
	const role = view === 'family' ? 'parent' : 'teacher';
	if (
		!principal.roles.some(
			(g) => g.role === role || (role === 'teacher' && g.role === 'school_admin')
		)
	)
		return FALSE;
	const kind = view === 'staff' ? sql<SqlBool>` and ${col('kind')} <> 'office'` : sql``;
	return sql<SqlBool>`(exists (select 1 from conversation_participants scope_cp
		where scope_cp.conversation_id = ${col('id')} and scope_cp.user_id = ${principal.userId}
		and scope_cp.side = ${side})${kind})`;
}

/**
 * A predicate on a `notices` row (under `alias`): the notices the principal may read, as a
 * recipient (a `notice_recipients` row) or as a sender of the notice's school ('notices.send').
 */
export function noticeWhere(principal: Principal, alias = 'notices'): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	return sql<SqlBool>`(exists (select 1 from notice_recipients scope_nr
		where scope_nr.notice_id = ${col('id')} and scope_nr.user_id = ${principal.userId})
		or ${schoolIdWhere(principal, 'notices.send', `${alias}.school_id`)})`;
}

/**
 * A predicate on a `message_attachments` row (under `alias`): the principal may read the message
 * (in any of their inboxes) or the notice the file belongs to. Nobody else downloads it.
 */
export function attachmentWhere(principal: Principal, alias = 'message_attachments') {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const views = (['family', 'staff', 'office'] as const).map((v) =>
		conversationWhere(principal, v, 'scope_ac')
	);
	return sql<SqlBool>`(exists (select 1 from conversation_messages scope_am
		join conversations scope_ac on scope_ac.id = scope_am.conversation_id
		where scope_am.id = ${col('message_id')} and (${sql.join(views, sql` or `)}))
		or exists (select 1 from notices scope_an where scope_an.id = ${col('notice_id')}
		and ${noticeWhere(principal, 'scope_an')}))`;
}
