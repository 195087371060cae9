import * as m from '$lib/paraglide/messages';

/** Names of job kinds and of run outcomes on the department's job page. */
const KIND_LABELS: Record<string, () => string> = {
	'usage.recompute': m.jobs_kind_usage_recompute,
	'timetable.generate': m.jobs_kind_timetable_generate,
	'messages.notify': m.jobs_kind_messages_notify,
	'messages.deliver': m.jobs_kind_messages_deliver,
	'messages.retention': m.jobs_kind_messages_retention
};

export const jobKindLabel = (kind: string) => KIND_LABELS[kind]?.() ?? kind;

const STATUS_LABELS: Record<string, () => string> = {
	queued: m.jobs_status_queued,
	running: m.jobs_status_running,
	failed: m.jobs_status_failed,
	succeeded: m.jobs_status_succeeded,
	dead: m.jobs_status_dead,
	cancelled: m.jobs_status_cancelled,
	lease_expired: m.jobs_status_lease_expired
};

export const jobStatusLabel = (status: string | null) =>
	status ? (STATUS_LABELS[status]?.() ?? status) : m.jobs_never_ran();

/** The badge colour of a status (classes of app.css). */
export function jobStatusTone(status: string | null): string {
	if (status === 'succeeded') return 'success';
	if (status === 'dead') return 'danger';
	if (status === 'failed' || status === 'lease_expired') return 'warning';
	return 'info';
}
