import { departmentScope, guardedActions, guardedLoad } from '$lib/server/action';
import { tokenActions, tokenPageData, type TokenOwner } from '$lib/server/usage/token-page';
import {
	createDepartmentToken,
	listDepartmentTokens,
	revokeDepartmentToken
} from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('usage.department_tokens');

const owner: TokenOwner = {
	key: 'department-token',
	list: listDepartmentTokens,
	create: createDepartmentToken,
	revoke: revokeDepartmentToken
};

export const load = guardedLoad(scope, (ctx) => tokenPageData(ctx, owner)) satisfies PageServerLoad;

export const actions = guardedActions(
	scope,
	tokenActions(() => owner)
) satisfies Actions;
