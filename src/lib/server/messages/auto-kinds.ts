import { sql, type RawBuilder } from 'kysely';
import * as m from '$lib/paraglide/messages';
import { formatDate } from '$lib/dates';
import type { DomainEvent } from '../db/schema';

/**
 * The one place that turns other modules' domain events into automatic notices. A module raises an
 * event with `recordEvent(trx, { module, kind, ... })`; the entry `'<module>.<kind>'` here says who
 * is told (a SELECT of user ids), with which template (Vietnamese and English, in
 * `messages/*\/messages.json`) and which link. Adding a kind of notice is one entry here (and its two
 * strings). Events of kinds without an entry are passed over.
 */
export interface AutoNoticeKind {
	/** the users to tell: a SELECT of one `user_id` column */
	recipients(event: DomainEvent): RawBuilder<unknown>;
	/** the template's parameters, kept with the notice */
	params(event: DomainEvent): Record<string, string>;
	/** the page the notice links to */
	link(event: DomainEvent): string;
	/** the text in the reader's language */
	text(params: Record<string, string>): string;
}

const payloadOf = (e: DomainEvent) => (e.payload ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).slice(0, 500));
/** a positive integer from an event's payload or subject, else 0 (matches nothing) */
const intOf = (v: unknown) => {
	const n = Number(v);
	return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : 0;
};

const isoDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** the active admins of the event's school */
const schoolAdmins = (e: DomainEvent) =>
	sql`select ra.user_id from role_assignments ra join users u on u.id = ra.user_id
		where ra.role = 'school_admin' and ra.school_id = ${e.school_id ?? 0} and u.active`;

/** the active family accounts of the active pupils matching `pupils` (a predicate on `st`) */
const families = (pupils: RawBuilder<unknown>) =>
	sql`select g.user_id from students st join student_guardians sg on sg.student_id = st.id
		join guardians g on g.id = sg.guardian_id join users u on u.id = g.user_id
		where st.active and u.active and ${pupils}`;

export const AUTO_NOTICE_KINDS: Record<string, AutoNoticeKind> = {
	'rollout.checklist_returned': {
		recipients: schoolAdmins,
		params: (e) => ({ checklist: str(payloadOf(e).checklist), reason: str(payloadOf(e).reason) }),
		link: (e) => `/schools/${e.school_id}/checklist/${intOf(e.subject_id)}`,
		text: (p) => m.auto_rollout_checklist_returned(p as { checklist: string; reason: string })
	},
	'grades.published': {
		recipients: (e) => families(sql`st.class_id = ${intOf(payloadOf(e).classId ?? e.subject_id)}`),
		params: (e) => ({ subject: str(payloadOf(e).subject), className: str(payloadOf(e).className) }),
		link: () => '/parent',
		text: (p) => m.auto_grades_published(p as { subject: string; className: string })
	},
	'timetable.published': {
		recipients: (e) => families(sql`st.school_id = ${e.school_id ?? 0}`),
		params: (e) => ({ from: str(payloadOf(e).from) }),
		link: () => '/parent',
		text: (p) => m.auto_timetable_published(p as { from: string })
	},
	'attendance.absent': {
		recipients: (e) => families(sql`st.id = ${intOf(payloadOf(e).studentId ?? e.subject_id)}`),
		params: (e) => ({ pupil: str(payloadOf(e).pupil), day: str(payloadOf(e).day) }),
		link: () => '/parent',
		text: (p) => m.auto_attendance_absent(p as { pupil: string; day: string })
	},
	'leave.answered': {
		recipients: (e) => families(sql`st.id = ${intOf(payloadOf(e).studentId)}`),
		params: (e) => ({ pupil: str(payloadOf(e).pupil), answer: str(payloadOf(e).answer) }),
		link: (e) => `/parent/leave/${intOf(e.subject_id)}`,
		text: (p) =>
			m.auto_leave_answered({
				pupil: p.pupil ?? '',
				answer: p.answer === 'approved' ? m.leave_status_approved() : m.leave_status_refused()
			})
	},
	'timetable.cover_assigned': {
		recipients: (e) =>
			sql`select s.user_id from staff s join users u on u.id = s.user_id
				where s.id = ${intOf(payloadOf(e).staffId)} and s.school_id = ${e.school_id ?? 0} and u.active`,
		params: (e) => ({
			day: isoDay(str(payloadOf(e).day)) ? formatDate(str(payloadOf(e).day)) : '',
			period: str(Number(payloadOf(e).period) + 1),
			className: str(payloadOf(e).className),
			subject: str(payloadOf(e).subject),
			absent: str(payloadOf(e).absentName)
		}),
		link: () => '/teacher/timetable',
		text: (p) =>
			m.auto_timetable_cover_assigned(
				p as { day: string; period: string; className: string; subject: string; absent: string }
			)
	}
};

/** The registry key of an event: `module.kind` (a kind already written `module.kind` is kept). */
export function autoKindOf(event: Pick<DomainEvent, 'module' | 'kind'>): string {
	return event.kind.startsWith(`${event.module}.`) ? event.kind : `${event.module}.${event.kind}`;
}
