import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../session';
import { FALSE } from './common';

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
	return sql<SqlBool>`(exists (select 1 from conversation_participants cp
		where cp.conversation_id = ${col('id')} and cp.user_id = ${principal.userId}
		and cp.side = ${side})${kind})`;
}
