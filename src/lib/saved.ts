import * as m from '$lib/paraglide/messages';
import { formatDate } from '$lib/dates';
import { checkpointLabel } from '$lib/i18n/grades';

/**
 * What a page says after a successful POST (Post/Redirect/Get, issue 9 item 10). An action
 * answers `savedRedirect(url, key, params)` (`$lib/server/action`): a 303 to a GET page with
 * `?saved=<key>` (and `saved_<name>=` for the text's figures); `SavedBanner.svelte` in the app
 * layout shows the text below in the user's language. A reload repeats the GET, never the POST.
 * An unknown key or a figure that does not validate shows nothing (never a raw key).
 */
export type SavedNotice = { text: string; link?: { href: string; label: string } };
type Params = Record<string, string>;
type Entry = (p: Params) => string | SavedNotice | null;

const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? v : null);
const isoDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const CHECKPOINTS = new Set(['mid1', 'end1', 'mid2', 'year']);
const checkpoint = (v: string | undefined) => (v && CHECKPOINTS.has(v) ? v : null);

function counted(text: (count: string) => string, key = 'count'): Entry {
	return (p) => {
		const n = num(p[key]);
		return n === null ? null : text(n);
	};
}

export const SAVED_TEXTS = {
	saved: () => m.saved(),
	official_notice_sent: counted((count) => m.offnotice_sent({ count })),
	notice_reminded: counted((count) => m.nremind_reminded_people({ count })),
	delivery_retried: () => m.deadlist_retried(),
	rollover_done: counted((count) => m.yr_done({ count })),
	year_switched: counted((count) => m.year_switch_done({ count })),
	school_year_created: () => m.ya_created(),
	school_year_updated: () => m.ya_updated(),
	school_year_deleted: () => m.ys13_deleted(),
	deletion_requested: (p) => {
		const n = num(p.count);
		if (n === null) return null;
		return n === '0' ? m.commore_deletion_already() : m.commore_deletion_requested({ count: n });
	},
	deletion_handled: () => m.commore_deletion_handled(),
	official_notice_reminded: (p) => {
		const [people, schools] = [num(p.people), num(p.schools)];
		return people === null || schools === null
			? null
			: m.commore_reminded_official({ people, schools });
	},
	// a review of a checklist item: the review form then offers the next criterion to review
	review_saved: () => m.saved(),
	done: () => m.rollout_action_done(),
	removed: () => m.saved_removed(),
	token_revoked: () => m.usage_token_revoked_ok(),
	password_changed: () => m.account_password_changed(),
	session_revoked: () => m.account_session_revoked(),
	sessions_revoked_others: () => m.account_sessions_revoked_others(),
	school_saved: () => m.org_school_saved(),
	threshold_saved: (p) => {
		const [promoted, demoted] = [num(p.promoted), num(p.demoted)];
		return promoted && demoted ? m.usage_threshold_saved({ promoted, demoted }) : null;
	},
	template_changed: () => m.saved_template_changed(),
	platform_retired: () => m.saved_platform_retired(),
	rollout_applied: counted((count) => m.rollout_applied({ count })),
	rollout_assigned: counted((count) => m.rollout_assigned({ count })),
	evidence_added: () => m.rollout_evidence_added(),
	reactivated: () => m.roster_reactivated(),
	deactivated: () => m.roster_deactivated(),
	linked: () => m.roster_linked(),
	unlinked: () => m.roster_unlinked(),
	account_reactivated: () => m.roster_account_reactivated(),
	account_deactivated: () => m.roster_account_deactivated(),
	account_removed: () => m.roster_account_removed(),
	roles_saved: () => m.roster_roles_saved(),
	grades_dates_saved: (p) => {
		const c = checkpoint(p.checkpoint);
		return c ? m.grades_dates_saved({ checkpoint: checkpointLabel(c) }) : null;
	},
	grades_published: (p) => {
		const [c, count] = [checkpoint(p.checkpoint), num(p.count)];
		return c && count ? m.grades_published({ checkpoint: checkpointLabel(c), count }) : null;
	},
	grades_approved: () => m.grades_approved(),
	grades_refused: () => m.grades_refused(),
	timetable_week_saved: () => m.timetable_week_saved(),
	timetable_bells_saved: () => m.timetable_bells_saved(),
	timetable_room_added: () => m.timetable_room_added(),
	timetable_room_removed: () => m.timetable_room_removed(),
	timetable_room_needs_saved: () => m.timetable_room_needs_saved(),
	timetable_generate_started: () => m.saved_generate_started(),
	timetable_generate_cancelled: () => m.saved_generate_cancelled(),
	timetable_published: () => m.timetable_published_ok(),
	timetable_requirements_saved: () => m.timetable_requirements_saved(),
	timetable_cover_assigned: () => m.timetable_cover_assigned(),
	timetable_cover_removed: () => m.timetable_cover_removed(),
	timetable_cover_recorded: () => m.timetable_cover_recorded(),
	timetable_unavailable_saved: () => m.timetable_unavailable_saved(),
	timetable_feed_revoked: () => m.timetable_feed_revoked(),
	timetable_fet_imported: (p) => {
		const [teachers, requirements] = [num(p.teachers), num(p.requirements)];
		if (!teachers || !requirements) return null;
		const text = m.timetable_fet_imported({ teachers, requirements });
		const [rooms, needs] = [num(p.rooms), num(p.roomNeeds)];
		return rooms && needs && (rooms !== '0' || needs !== '0')
			? `${text} ${m.timetable_s12_fet_imported_rooms({ rooms, needs })}`
			: text;
	},
	timetable_fet_draft_imported: (p) => {
		const [placed, unplaced] = [num(p.placed), num(p.unplaced)];
		return placed && unplaced ? m.timetable_fet_draft_imported({ placed, unplaced }) : null;
	},
	calendar_added: () => m.calendar_added(),
	calendar_removed: () => m.calendar_removed(),
	calendar_make_up_added: () => m.gr_make_up_added(),
	calendar_make_up_removed: () => m.gr_make_up_removed(),
	primary_award_nominated: () => m.gr_nominated(),
	primary_award_decided: () => m.gr_decided(),
	primary_promotion_decided: () => m.pd_saved(),
	usage_imported: (p) => {
		const [accepted, duplicates] = [num(p.accepted), num(p.duplicates)];
		return accepted && duplicates ? m.usage_import_done_result({ accepted, duplicates }) : null;
	},
	usage_saved: () => m.usage_saved(),
	usage_saved_on: (p) => {
		const day = isoDay(p.day);
		if (!day) return null;
		const shown = formatDate(day);
		return {
			text: m.usage_saved_on({ day: shown }),
			link: {
				href: `/teacher/usage/week?week=${day}`,
				label: m.usage_saved_see_week({ day: shown })
			}
		};
	},
	usage_updated: () => m.usage_updated(),
	usage_saved_many: counted((count) => m.usage_saved_many({ count }))
} satisfies Record<string, Entry>;

export type SavedKey = keyof typeof SAVED_TEXTS;

/** The notice of `?saved=<key>` on this URL, or null (none, or a key/figure that is not ours). */
export function savedNotice(url: URL): SavedNotice | null {
	const key = url.searchParams.get('saved');
	if (!key || !Object.hasOwn(SAVED_TEXTS, key)) return null;
	const params: Params = {};
	for (const [k, v] of url.searchParams) if (k.startsWith('saved_')) params[k.slice(6)] = v;
	const entry = SAVED_TEXTS[key as SavedKey] as Entry;
	const result = entry(params);
	if (result === null) return null;
	return typeof result === 'string' ? { text: result } : result;
}
