import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { gradesIds, gradesRows } from './matrix/grades';
import { orgRows } from './matrix/org';
import { findRosterIds, rosterRows } from './matrix/roster';
import { usageRows } from './matrix/usage';
import { rolloutIds, rolloutRows } from './matrix/rollout';
import { CALLERS, type Caller, type MatrixIds, type MatrixRow } from './matrix/types';
import { PASSWORD } from './helpers';

/**
 * Every route and API endpoint x every role: the allowed callers get their page (200, or 400 for a
 * POST with an empty body), every other signed-in caller 404, an anonymous caller the sign-in page
 * (or 401 from the API). Each module lists its routes in tests/e2e/matrix/<module>.ts.
 */
const ROWS: MatrixRow[] = [...orgRows, ...rosterRows, ...rolloutRows, ...usageRows, ...gradesRows];

const contexts = new Map<Caller | 'anonymous', APIRequestContext>();
let ids: MatrixIds;

test.beforeAll(async ({ baseURL }) => {
	for (const [caller, email] of Object.entries(CALLERS) as [Caller, string][]) {
		const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
		const res = await ctx.post('/login', {
			form: { email, password: PASSWORD },
			headers: { accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status(), `sign-in of ${email}`).toBe(303);
		contexts.set(caller, ctx);
	}
	contexts.set(
		'anonymous',
		await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } })
	);
	const dept = contexts.get('department')!;
	const find = async (q: string, areaName?: string) => {
		const body = await (await dept.get(`/api/v1/schools?q=${encodeURIComponent(q)}`)).json();
		const school = body.schools.find(
			(s: { area: { name: string } }) => !areaName || s.area.name === areaName
		);
		return school.id as number;
	};
	const quangTrung = await find('THCS Quang Trung');
	ids = {
		quangTrung,
		nguyenTatThanh: await find('Chuyên Nguyễn Tất Thành'),
		vanYenSchool: await find('Mậu A', 'Văn Yên'),
		roster: await findRosterIds(contexts.get('admin_qt')!, dept, quangTrung),
		rollout: await rolloutIds(dept, { quangTrung, dongCuong: await find('Đông Cuông', 'Văn Yên') }),
		grades: await gradesIds(contexts.get('teacher_qt')!)
	};
});

test.afterAll(async () => {
	for (const ctx of contexts.values()) await ctx.dispose();
});

async function call(ctx: APIRequestContext, row: MatrixRow) {
	const path = row.path(ids);
	const options = {
		maxRedirects: 0,
		headers: { accept: row.api ? 'application/json' : 'text/html' }
	};
	return row.method === 'POST'
		? ctx.post(path, { ...options, form: row.form ?? {} })
		: ctx.get(path, options);
}

for (const row of ROWS) {
	test(`${row.method ?? 'GET'} ${row.name}: only the allowed roles get in`, async () => {
		const outcomes: string[] = [];
		for (const caller of Object.keys(CALLERS) as Caller[]) {
			const res = await call(contexts.get(caller)!, row);
			const allowed = row.allow.includes(caller);
			const expected = allowed
				? row.method === 'POST'
					? [200, 303, 400, 409, 422]
					: [200]
				: [404];
			if (!expected.includes(res.status()))
				outcomes.push(`${caller}: ${res.status()} (expected ${expected.join('/')})`);
		}
		const anon = await call(contexts.get('anonymous')!, row);
		if (
			row.api
				? anon.status() !== 401
				: !(anon.status() === 303 && anon.headers().location?.startsWith('/login'))
		) {
			outcomes.push(`anonymous: ${anon.status()}`);
		}
		expect(outcomes).toEqual([]);
	});
}
