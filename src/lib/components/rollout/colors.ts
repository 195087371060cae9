import type { PlatformStatus } from '$lib/rollout/statuses';

/** Status colours of the charts (the matrix table writes the status too, never colour only). */
export const STATUS_COLORS: Record<PlatformStatus, string> = {
	not_started: '#c9d1cd',
	deploying: '#e8a317',
	deployed: '#4a86c8',
	in_use: '#1b6e3a'
};
