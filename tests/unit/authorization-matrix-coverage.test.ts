import { describe, expect, it } from 'vitest';
import { ROWS } from '../e2e/matrix/rows';
import { SAMPLE } from '../e2e/matrix/sample';
import type { MatrixRow } from '../e2e/matrix/types';

/**
 * The authorization matrix (tests/e2e/authorization-matrix.test.ts) has a row for every page, every
 * form action and every endpoint method of `src/routes`. The routes are read from the source tree:
 * each `+page.svelte` and each `+page.server.ts` with a `load` is a GET, each key of a `+page.server.ts`'s `actions` a POST `?/name`, each
 * exported method of a `+server.ts` its own row. The modules are imported through Vite (`$lib` and
 * `$types` resolve), so an action added in any way (`guardedActions`, a shared `itemActions`, a
 * factory like `previewPage(...)`) is counted.
 */
const pages = Object.keys(import.meta.glob('/src/routes/**/+page.svelte'));
const pageServers = import.meta.glob<Record<string, unknown>>('/src/routes/**/+page.server.ts');
const endpoints = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts');
const matchers = import.meta.glob<{ match: (param: string) => boolean }>('/src/params/*.ts', {
	eager: true
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

/** `/src/routes/(app)/schools/[schoolId=id]/+page.svelte` -> `/(app)/schools/[schoolId=id]`. */
function routeIdOf(file: string): string {
	const dir = file.replace(/^\/src\/routes/, '').replace(/\/[^/]+$/, '');
	return dir === '' ? '/' : dir;
}

/** The URL segments of a route id: groups dropped; each a literal or a parameter with its matcher. */
function segmentsOf(routeId: string) {
	return routeId
		.split('/')
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.map((s) => {
			const param = /^\[(\.\.\.)?([^\]=.]+)(?:=([a-z]+))?\]$/.exec(s);
			if (s.includes('[') && !param)
				throw new Error(`a route parameter the test cannot read: ${s}`);
			return param
				? { param: param[2], matcher: param[3], rest: param[1] !== undefined }
				: { literal: s };
		});
}

function matcherOf(name: string) {
	const matcher = matchers[`/src/params/${name}.ts`];
	if (!matcher) throw new Error(`no matcher src/params/${name}.ts`);
	return matcher;
}

function matches(routeId: string, pathname: string): boolean {
	const parts = pathname.split('/').filter(Boolean);
	const segments = segmentsOf(routeId);
	const last = segments.at(-1);
	// A rest parameter (only last here, as in the app's catch-all) takes what is left, even nothing.
	if (last && 'rest' in last && last.rest) {
		const head = segments.slice(0, -1);
		if (parts.length < head.length) return false;
		const rest = parts.slice(head.length).map(decodeURIComponent).join('/');
		return (
			head.every((seg, i) => segmentMatches(seg, parts[i])) &&
			(!last.matcher || matcherOf(last.matcher).match(rest))
		);
	}
	return (
		parts.length === segments.length && segments.every((seg, i) => segmentMatches(seg, parts[i]))
	);
}

function segmentMatches(seg: ReturnType<typeof segmentsOf>[number], part: string): boolean {
	if ('literal' in seg) return seg.literal === part;
	if (!seg.matcher) return part.length > 0;
	return matcherOf(seg.matcher).match(decodeURIComponent(part));
}

/** As SvelteKit routes: a route without a rest parameter wins over a catch-all. */
const isCatchAll = (routeId: string) => routeId.includes('[...');

/** Every page, action and endpoint method: `GET /(app)/teacher`, `POST /(app)/account ?/password`. */
async function sourceRoutes(): Promise<Set<string>> {
	const keys = new Set(pages.map((file) => `GET ${routeIdOf(file)}`));
	for (const [file, load] of Object.entries(pageServers)) {
		const module = await load();
		if ('load' in module) keys.add(`GET ${routeIdOf(file)}`);
		const actions = module.actions as Record<string, unknown> | undefined;
		for (const name of Object.keys(actions ?? {})) keys.add(`POST ${routeIdOf(file)} ?/${name}`);
	}
	for (const [file, load] of Object.entries(endpoints)) {
		const module = await load();
		for (const method of METHODS.filter((m) => m in module))
			keys.add(`${method} ${routeIdOf(file)}`);
	}
	return keys;
}

const pageFiles = [...pages, ...Object.keys(pageServers)];
const routeIds = [...new Set([...pageFiles, ...Object.keys(endpoints)].map(routeIdOf))];
const pageRouteIds = new Set(pageFiles.map(routeIdOf));

/** The page, action or endpoint method a matrix row reaches. */
function keyOf(row: MatrixRow): string {
	const url = new URL(row.path(SAMPLE), 'http://matrix.test');
	const all = routeIds.filter((id) => matches(id, url.pathname));
	const specific = all.filter((id) => !isCatchAll(id));
	const found = specific.length ? specific : all;
	if (found.length !== 1)
		return `(${row.name}: ${url.pathname} matches ${found.length} routes: ${found.join(', ')})`;
	const routeId = found[0];
	const method = row.method ?? 'GET';
	if (method === 'GET' || !pageRouteIds.has(routeId)) return `${method} ${routeId}`;
	const action = /^\?\/([A-Za-z0-9_]+)/.exec(url.search)?.[1] ?? 'default';
	return `POST ${routeId} ?/${action}`;
}

describe('the authorization matrix', () => {
	it(
		'has a row for every page, form action and endpoint of src/routes',
		{ timeout: 180_000 },
		async () => {
			const source = await sourceRoutes();
			const covered = new Set(ROWS.map(keyOf));
			const missing = [...source].filter((key) => !covered.has(key)).sort();
			expect(missing, 'routes without a row in tests/e2e/matrix/*.ts').toEqual([]);
			// A row reaches a route that exists (a renamed action or page leaves no stale row).
			const stale = ROWS.filter((row) => !source.has(keyOf(row))).map(
				(r) => `${r.name}: ${keyOf(r)}`
			);
			expect(stale, 'rows that reach no page, action or endpoint').toEqual([]);
		}
	);

	it('reads routes, actions and methods from the source tree', { timeout: 180_000 }, async () => {
		const source = await sourceRoutes();
		expect(source).toContain('GET /(app)/schools/[schoolId=id]');
		expect(source).toContain(
			'POST /(app)/schools/[schoolId=id]/checklist/[checklistId=id]/items/[itemId=id] ?/upload'
		);
		expect(source).toContain('POST /(app)/department/imports/[batchId=uuid] ?/confirm');
		expect(source).toContain('POST /logout');
		expect(source.size).toBeGreaterThan(130);
	});

	it('gives every row an allowed status of its own', () => {
		const loose = ROWS.filter(
			(r) => r.allow.length && ![200, 303, 400, 401, 409].includes(r.status)
		);
		expect(loose.map((r) => r.name)).toEqual([]);
	});
});
