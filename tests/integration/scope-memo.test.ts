import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	accessibleSchoolIds,
	requireSchool,
	requireSchoolAnyOf
} from '../../src/lib/server/auth/access';
import { getSchoolDetail } from '../../src/lib/server/org/schools';
import { withQueryStats } from '../../src/lib/server/db/query-stats';
import { withRequestMemo } from '../../src/lib/server/http/request-memo';
import type { DB } from '../../src/lib/server/db';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

/**
 * Issue 10: a page request proves the same school scope in its layout, its page and its services;
 * the checks that mean the same are read once per read-only request, and never across users,
 * schools or requests that change data.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
});
afterAll(() => close());

async function countedIn<T>(method: string, fn: () => Promise<T>) {
	const { stats, result } = withQueryStats(() => withRequestMemo(method, fn));
	return { queries: (await result, stats.count), result: await result };
}

describe('school scope checks within one request', () => {
	it('reads once for permissions the same grants give, and for the page’s own school id', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const { queries, result } = await countedIn('GET', async () => {
			const a = await requireSchool(db, admin, qt, 'school.pages');
			const b = await requireSchool(db, admin, qt, 'rollout.edit');
			const c = await requireSchoolAnyOf(db, admin, qt, ['roster.manage']);
			const d = await accessibleSchoolIds(db, admin, 'rollout.edit', [qt]);
			return [a.id, b.id, c.id, [...d]];
		});
		expect(result).toEqual([qt, qt, qt, [qt]]);
		expect(queries).toBe(1);
	});

	it('the school pages’ layout reads the school and its area in that one query', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const { queries, result } = await countedIn('GET', async () => {
			const detail = await getSchoolDetail(db, admin, qt);
			await requireSchool(db, admin, qt, 'rollout.view');
			return detail;
		});
		const area = await db
			.selectFrom('areas')
			.select(['id', 'name', 'code', 'valid_to'])
			.where('id', '=', result.area_id)
			.executeTakeFirstOrThrow();
		expect(result.area).toEqual(area);
		expect(queries).toBe(1);
	});

	it('asks again after a form action (a POST reads what it wrote)', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const { queries } = await countedIn('POST', async () => {
			await requireSchool(db, admin, qt, 'school.pages');
			await requireSchool(db, admin, qt, 'rollout.edit');
		});
		expect(queries).toBe(2);
	});

	it('never answers another school or another user from the memo', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const other = await principalOf(db, 'nguyentatthanh.admin@demo.example');
		const { result } = await countedIn('GET', async () => {
			const own = await requireSchool(db, admin, qt, 'school.pages');
			const elsewhere = await requireSchool(db, admin, ntt, 'school.pages').catch(
				(e: { status?: number }) => e.status
			);
			const otherUser = await requireSchool(db, other, qt, 'school.pages').catch(
				(e: { status?: number }) => e.status
			);
			const none = await accessibleSchoolIds(db, other, 'rollout.edit', [qt]);
			return [own.id, elsewhere, otherUser, none.size];
		});
		expect(result).toEqual([qt, 404, 404, 0]);
	});

	it('a teacher does not get an admin’s permission through a shared read', async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const { result } = await countedIn('GET', async () => {
			const view = await requireSchool(db, teacher, qt, 'roster.view');
			const manage = await requireSchool(db, teacher, qt, 'roster.manage').catch(
				(e: { status?: number }) => e.status
			);
			return [view.id, manage];
		});
		expect(result).toEqual([qt, 404]);
	});
});
