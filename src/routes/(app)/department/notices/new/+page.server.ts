import {
	guardedActions,
	newFormKey,
	ownScope,
	requestContext,
	savedRedirect
} from '$lib/server/action';
import { areaOptions } from '$lib/server/official-notices/read';
import { sendFromForm } from '$lib/server/official-notices/pages';
import type { Actions, PageServerLoad } from './$types';

/** A new official notice: the areas a department official may narrow it to, and a form key. */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	return { areas: await areaOptions(db, principal), formKey: newFormKey() };
};

// The gate proved an official; the service sends only within the caller's department or area.
export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const result = await sendFromForm(ctx);
		if (result.failure) return result.failure;
		savedRedirect(
			ctx.event.url,
			'official_notice_sent',
			{ count: result.sent.schools },
			`/department/notices/${result.sent.id}`
		);
	}
}) satisfies Actions;
