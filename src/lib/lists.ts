/**
 * Whether a list page shows a filtered view: any query filter other than the page number and the
 * defaults (`{ status: 'active' }` on the roster lists) is set. An empty filtered list says
 * "nothing matches the filter"; an empty unfiltered list has no data yet and says how to add it
 * (`components/ui/ListEmpty.svelte`, issue 9 item 11).
 */
export function isFiltered(
	filters: Record<string, unknown>,
	defaults: Record<string, unknown> = {}
): boolean {
	return Object.entries(filters).some(
		([key, value]) =>
			key !== 'page' &&
			value !== undefined &&
			value !== null &&
			value !== '' &&
			defaults[key] !== value
	);
}

/** The roster lists' defaults: active rows. */
export const ROSTER_DEFAULTS = { status: 'active' };
