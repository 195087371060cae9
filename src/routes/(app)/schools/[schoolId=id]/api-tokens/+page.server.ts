import { guardedActions, guardedLoad, schoolScope, type RequestContext } from '$lib/server/action';
import { tokenActions, tokenPageData, type TokenOwner } from '$lib/server/usage/token-page';
import { createSchoolToken, listSchoolTokens, revokeSchoolToken } from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('usage.tokens');

/** The school's tokens: the scope proved the school; every service proves it again. */
const ownerOf = ({ school }: RequestContext & { school: { id: number } }): TokenOwner => ({
	key: `school-token:${school.id}`,
	list: (db, principal) => listSchoolTokens(db, principal, school.id),
	create: (db, principal, input) => createSchoolToken(db, principal, school.id, input),
	revoke: (db, principal, tokenId) => revokeSchoolToken(db, principal, school.id, tokenId)
});

export const load = guardedLoad(scope, (ctx) =>
	tokenPageData(ctx, ownerOf(ctx))
) satisfies PageServerLoad;

export const actions = guardedActions(scope, tokenActions(ownerOf)) satisfies Actions;
