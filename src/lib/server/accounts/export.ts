import type { DB } from '../db';
import type { Principal } from '../auth/session';

/**
 * A user's own data, as JSON (Law 91/2025/QH15: the data subject may obtain their data). Only
 * rows about the caller: the account, its roles, its staff and guardian records with the children
 * linked to them, the accepted privacy notices and the sign-in sessions. Never another person's
 * account, and no password hash or session token.
 */
export async function exportOwnData(db: DB, principal: Principal) {
	const userId = principal.userId;
	const account = await db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'login_phone', 'phone', 'locale', 'active'])
		.select(['created_at', 'activated_at', 'last_login_at'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const [roles, staff, guardians, children, consents, sessions] = await Promise.all([
		db
			.selectFrom('role_assignments as r')
			.leftJoin('schools as s', 's.id', 'r.school_id')
			.select(['r.role', 's.name as school', 'r.created_at'])
			.where('r.user_id', '=', userId)
			.orderBy('r.id')
			.execute(),
		db
			.selectFrom('staff as t')
			.innerJoin('schools as s', 's.id', 't.school_id')
			.select(['s.name as school', 't.code', 't.full_name', 't.email', 't.phone', 't.position'])
			.where('t.user_id', '=', userId)
			.execute(),
		db
			.selectFrom('guardians as g')
			.innerJoin('schools as s', 's.id', 'g.school_id')
			.select(['g.id', 's.name as school', 'g.full_name', 'g.phone', 'g.email'])
			.where('g.user_id', '=', userId)
			.orderBy('g.id')
			.execute(),
		db
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.innerJoin('students as st', 'st.id', 'sg.student_id')
			.leftJoin('classes as c', 'c.id', 'st.class_id')
			.select(['sg.guardian_id', 'sg.relationship', 'st.full_name', 'st.date_of_birth'])
			.select('c.name as class_name')
			.where('g.user_id', '=', userId)
			.orderBy('st.name_sort')
			.execute(),
		db
			.selectFrom('privacy_consents')
			.select(['notice_version', 'accepted_at', 'student_ids', 'ip'])
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('sessions')
			.select(['created_at', 'last_used_at', 'expires_at', 'ip', 'user_agent'])
			.where('user_id', '=', userId)
			.orderBy('created_at')
			.execute()
	]);
	const [messages, leaveRequests, notificationPreferences, pushSubscriptions] = await Promise.all([
		db
			.selectFrom('conversation_messages as m')
			.innerJoin('conversations as c', 'c.id', 'm.conversation_id')
			.innerJoin('conversation_participants as p', (j) =>
				j.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', userId)
			)
			.innerJoin('users as u', 'u.id', 'm.sender_id')
			.select(['c.title as conversation', 'u.name as from', 'm.created_at', 'm.body'])
			.orderBy('m.id')
			.limit(20_000)
			.execute(),
		db
			.selectFrom('leave_requests')
			.select(['from_day', 'to_day', 'sessions', 'reason', 'status', 'answer_note', 'created_at'])
			.where('requested_by', '=', userId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('notification_preferences')
			.select(['email_kinds', 'push_kinds', 'quiet_start', 'quiet_end', 'updated_at'])
			.where('user_id', '=', userId)
			.execute(),
		// the browsers that get push notifications (migration 0310): the push service, not the
		// endpoint itself (a secret address a copied export should not carry)
		db
			.selectFrom('push_subscriptions')
			.select(['endpoint', 'created_at', 'last_success_at'])
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute()
	]);
	return {
		exportedAt: new Date().toISOString(),
		messages,
		leaveRequests,
		notificationPreferences,
		pushSubscriptions: pushSubscriptions.map(({ endpoint, ...rest }) => ({
			service: new URL(endpoint).host,
			...rest
		})),
		account,
		roles,
		staffRecords: staff,
		guardianRecords: guardians.map(({ id, ...g }) => ({
			...g,
			children: children.filter((c) => c.guardian_id === id).map(({ guardian_id: _, ...c }) => c)
		})),
		privacyConsents: consents,
		sessions
	};
}
