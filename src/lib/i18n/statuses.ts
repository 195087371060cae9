import * as m from '$lib/paraglide/messages';
import { PLATFORM_STATUSES, type PlatformStatus } from '$lib/rollout/statuses';

/**
 * The one vocabulary of a platform's status at a school (rollout milestones, moved between
 * `deployed` and `in_use` by usage data): its label and the tone of its badge, used by the rollout
 * and usage pages alike.
 */
const PLATFORM_STATUS_LABELS: Record<PlatformStatus, () => string> = {
	not_started: m.rollout_status_not_started,
	deploying: m.rollout_status_deploying,
	deployed: m.rollout_status_deployed,
	in_use: m.rollout_status_in_use
};

export function isPlatformStatus(value: unknown): value is PlatformStatus {
	return (PLATFORM_STATUSES as readonly unknown[]).includes(value);
}

export function platformStatusLabel(status: PlatformStatus | string | null | undefined): string {
	if (!status) return '–';
	return isPlatformStatus(status) ? PLATFORM_STATUS_LABELS[status]() : status;
}

/**
 * Tone of a status badge, for platform, checklist, item and review statuses (colour is never the
 * only cue: the label is always written).
 */
export function statusTone(status: string | null | undefined): string {
	switch (status) {
		case 'in_use':
		case 'done':
		case 'approved':
		case 'accepted':
			return 'success';
		case 'deployed':
		case 'submitted':
			return 'info';
		case 'deploying':
		case 'in_progress':
			return 'warning';
		case 'returned':
			return 'danger';
		default:
			return '';
	}
}
