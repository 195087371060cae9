import { redirect } from '@sveltejs/kit';
import type { SavedKey } from '$lib/saved';

/**
 * Post/Redirect/Get: the one way an action ends a success. A 303 to the page the form was posted
 * from (its query kept, the `?/action` name dropped), or to `path`, with `?saved=<key>` and the
 * text's figures as `saved_<name>`; `SavedBanner` (app layout) shows the text of `SAVED_TEXTS`.
 * Without JavaScript a reload repeats the GET, never the POST.
 */
export function savedRedirect(
	url: URL,
	key: SavedKey,
	params: Record<string, string | number> = {},
	path?: string
): never {
	const target = new URL(path ?? url.pathname, url);
	if (path === undefined)
		for (const [k, v] of url.searchParams)
			if (!k.startsWith('/') && k !== 'saved' && !k.startsWith('saved_'))
				target.searchParams.append(k, v);
	target.searchParams.set('saved', key);
	for (const [k, v] of Object.entries(params)) target.searchParams.set(`saved_${k}`, String(v));
	redirect(303, `${target.pathname}${target.search}`);
}
