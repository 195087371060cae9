import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../session';

/**
 * A predicate on a `guardian_link_requests` row (under `alias`): the requests the principal may
 * see and answer. Only the account they were sent to: not the school that asked (it learns
 * nothing of the account), not an official, not another member of the family.
 */
export function linkRequestWhere(
	principal: Principal,
	alias = 'guardian_link_requests'
): RawBuilder<SqlBool> {
	return sql<SqlBool>`(${sql.ref(`${alias}.user_id`)} = ${principal.userId})`;
}
