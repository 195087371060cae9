import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/**
 * An address no page has (or an id that is not one): "not found" inside the app layout, so a
 * signed-in user keeps the menu. A signed-out visitor gets the plain not-found page (the layout
 * answers 404 for this route instead of asking to sign in).
 */
export const load: PageServerLoad = () => error(404, 'Not found');

export const actions: Actions = { default: () => error(404, 'Not found') };
