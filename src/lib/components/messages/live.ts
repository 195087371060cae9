import { onMount } from 'svelte';
import { invalidateAll } from '$app/navigation';

/**
 * Light polling (progressive enhancement): while the page is visible, reload its data every
 * `ms` so new messages and "đã xem" appear without reloading. Without JavaScript the page works
 * by reloading. Call from a component's script.
 */
export function livePoll(ms = 10_000) {
	onMount(() => {
		const timer = setInterval(() => {
			if (document.visibilityState === 'visible') void invalidateAll();
		}, ms);
		return () => clearInterval(timer);
	});
}
