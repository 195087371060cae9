import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src/lib/server/api/openapi';

/**
 * Issue 13, "OpenAPI for any JSON endpoints": the account's JSON endpoints outside /api/v1 (the
 * own-data export, the Web Push subscriptions) are in the document, served from the root, with
 * the push request's body and answers; each documented path is a route of the portal.
 */
describe('the OpenAPI document of the account’s JSON endpoints', () => {
	const doc = buildOpenApi() as unknown as {
		paths: Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
	};

	it('documents the push subscriptions with their body and answers, served from the root', () => {
		const path = doc.paths['/account/notifications/push'];
		expect(path.servers).toEqual([{ url: '/' }]);
		const body = path.post.requestBody.content['application/json'].schema;
		expect(JSON.stringify(body)).toContain('subscribe');
		expect(JSON.stringify(body)).toContain('unsubscribe');
		expect(path.post.responses['200'].content['application/json'].schema.required).toEqual(
			expect.arrayContaining(['ok', 'subscribed'])
		);
		expect(path.post.responses['400'].content['application/json'].schema.required).toEqual([
			'error'
		]);
	});

	it('documents the own-data export, and both are routes of the portal', () => {
		expect(doc.paths['/account/data'].get.responses['200']).toBeDefined();
		for (const p of ['/account/data', '/account/notifications/push'])
			expect(existsSync(`src/routes/(app)${p}/+server.ts`)).toBe(true);
		// the /api/v1 paths keep the document's server
		expect(doc.paths['/me'].servers).toBeUndefined();
	});
});
