import type { RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { statusSchema } from '$lib/schemas/roster';
import { plainFailure } from './form-result';

/**
 * The deactivate / reactivate button of a roster page: reads the version and the wanted state,
 * runs `change`, and answers with the outcome (a stale version gives the conflict message).
 */
export function statusAction<E extends RequestEvent>(
	change: (event: E, version: number, active: boolean) => Promise<void>
) {
	return async (event: E) => {
		const parsed = statusSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return plainFailure(new Error('invalid status form'), 400);
		const active = parsed.data.active === 'true';
		try {
			await change(event, parsed.data.version, active);
		} catch (err) {
			return plainFailure(err);
		}
		return { done: active ? m.roster_reactivated() : m.roster_deactivated() };
	};
}
