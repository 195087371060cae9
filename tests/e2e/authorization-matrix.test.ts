import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { matrixIds } from './matrix/ids';
import { ROWS } from './matrix/rows';
import { SAMPLE } from './matrix/sample';
import { ALL, CALLERS, type Caller, type MatrixIds, type MatrixRow } from './matrix/types';
import { PASSWORD } from './helpers';

/**
 * Every page, form action and endpoint x every role: the allowed callers get the row's status (200
 * for a page, 400 for an empty form, ...), every other signed-in caller 404, an anonymous caller the
 * sign-in page (or 401 from the API). Each module lists its routes in tests/e2e/matrix/<module>.ts;
 * tests/unit/authorization-matrix-coverage.test.ts fails when a route of src/routes has no row.
 */
const contexts = new Map<Caller | 'anonymous', APIRequestContext>();
let ids: MatrixIds;
let baseURL: string;

async function signIn(caller: Caller): Promise<APIRequestContext> {
	const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const res = await ctx.post('/login', {
		form: { login: CALLERS[caller], password: PASSWORD },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `sign-in of ${CALLERS[caller]}`).toBe(303);
	return ctx;
}

test.beforeAll(async ({ baseURL: url }) => {
	baseURL = url!;
	for (const caller of ALL) contexts.set(caller, await signIn(caller));
	contexts.set(
		'anonymous',
		await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
	);
	ids = await matrixIds((caller) => contexts.get(caller)!);
});

test.afterAll(async () => {
	for (const ctx of contexts.values()) await ctx.dispose();
});

async function call(ctx: APIRequestContext, row: MatrixRow, path = row.path(ids)) {
	// Each request on a connection of its own: the GET rows and malformed ids are sent many at
	// once, and a kept-alive connection that sat idle can meet the server closing it (a reset).
	const options = {
		maxRedirects: 0,
		headers: { accept: row.api ? 'application/json' : 'text/html', connection: 'close' }
	};
	if (row.method === 'PUT') return ctx.put(path, { ...options, data: row.json ?? {} });
	return row.method === 'POST'
		? ctx.post(path, { ...options, form: row.form ?? {} })
		: ctx.get(path, options);
}

/** What an anonymous caller must get, as a test of the response (or null when it does). */
function anonymousMismatch(row: MatrixRow, status: number, location?: string): string | null {
	if (row.anonymous !== undefined)
		return status === row.anonymous ? null : `${status} (expected ${row.anonymous})`;
	if (row.api) return status === 401 ? null : `${status} (expected 401)`;
	return status === 303 && location?.startsWith('/login')
		? null
		: `${status} ${location ?? ''} (expected 303 to /login)`;
}

/** What `caller` got for `row`, as a mismatch text (or null when it got what the row says). */
async function callerMismatch(row: MatrixRow, caller: Caller): Promise<string | null> {
	const ctx = row.ownSession ? await signIn(caller) : contexts.get(caller)!;
	const res = await call(ctx, row);
	if (row.ownSession) await ctx.dispose();
	const expected = row.allow.includes(caller) ? row.status : (row.denied ?? 404);
	return res.status() === expected ? null : `${caller}: ${res.status()} (expected ${expected})`;
}

for (const row of ROWS) {
	test(`${row.method ?? 'GET'} ${row.name}: only the allowed roles get in`, async () => {
		// A GET changes nothing: every caller asks at once. A form or an API write is sent by one
		// caller after another, so that an allowed caller's effect cannot race another's answer.
		const outcomes =
			(row.method ?? 'GET') === 'GET' && !row.ownSession
				? await Promise.all(ALL.map((caller) => callerMismatch(row, caller)))
				: await sequentially(ALL, (caller) => callerMismatch(row, caller));
		const anon = await call(contexts.get('anonymous')!, row);
		outcomes.push(anonymousMismatch(row, anon.status(), anon.headers().location));
		expect(outcomes.filter((o) => o !== null)).toEqual([]);
	});
}

async function sequentially<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (const item of items) out.push(await run(item));
	return out;
}

/**
 * A malformed id in any id position is no route at all: 404 for every signed-in caller, before any
 * code of the route runs (`src/params/`). The URL gate answers an anonymous caller first (the
 * sign-in page, or 401 from the API), so nothing about the route shows either way. One test per
 * route shape and method; the id positions are read from the sample ids' paths.
 */
const MALFORMED = ['abc', '1e3', '0', '-1', '007', '99999999999'];
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function idPositions(row: MatrixRow): number[] {
	const segments = row.path(SAMPLE).split('?')[0].split('/');
	return segments.flatMap((s, i) => (ID_SEGMENT.test(s) ? [i] : []));
}

const shapes = new Map<string, MatrixRow>();
for (const row of ROWS) {
	if (!idPositions(row).length) continue;
	const shape = row
		.path(SAMPLE)
		.split('?')[0]
		.split('/')
		.map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
		.join('/');
	shapes.set(
		`${row.method ?? 'GET'} ${shape}`,
		shapes.get(`${row.method ?? 'GET'} ${shape}`) ?? row
	);
}

/**
 * The callers a malformed id is tried with: one the row allows (the id matcher must answer before
 * the route's code) and one it does not (the URL gate may answer first). The matcher does not look
 * at the caller, so the other roles would repeat the same answer.
 */
function malformedCallers(row: MatrixRow): Caller[] {
	const allowed = ALL.find((c) => row.allow.includes(c));
	const denied = ALL.find((c) => !row.allow.includes(c));
	return [allowed, denied].filter((c): c is Caller => c !== undefined);
}

async function malformedMismatches(row: MatrixRow, path: string): Promise<string[]> {
	const signedIn = malformedCallers(row).map(async (caller) => {
		const res = await call(contexts.get(caller)!, row, path);
		return res.status() === 404 ? null : `${path} as ${caller}: ${res.status()}`;
	});
	const anonymous = call(contexts.get('anonymous')!, row, path).then((anon) => {
		const mismatch = anonymousMismatch(
			{ ...row, anonymous: undefined },
			anon.status(),
			anon.headers().location
		);
		return mismatch && `${path} as anonymous: ${mismatch}`;
	});
	const all = await Promise.all([...signedIn, anonymous]);
	return all.filter((o): o is string => !!o);
}

for (const [shape, row] of shapes) {
	test(`${shape} with a malformed id answers 404`, async () => {
		const [pathname, query] = row.path(ids).split('?');
		const segments = pathname.split('/');
		const paths = idPositions(row).flatMap((at) =>
			MALFORMED.map(
				(bad) => segments.map((s, i) => (i === at ? bad : s)).join('/') + (query ? `?${query}` : '')
			)
		);
		const outcomes = (
			await Promise.all(paths.map((path) => malformedMismatches(row, path)))
		).flat();
		expect(outcomes).toEqual([]);
	});
}
