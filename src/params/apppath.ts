import type { ParamMatcher } from '@sveltejs/kit';

/**
 * An address that could be a page of the app: anything but the API and the built assets, whose
 * unknown addresses keep their own 404 (JSON for the API).
 */
export const match = ((param: string) => !/^(api|_app)(\/|$)/.test(param)) satisfies ParamMatcher;
