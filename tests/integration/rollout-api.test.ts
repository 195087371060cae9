import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { buildOpenApi } from '../../src/lib/server/api/openapi';
import { rolloutSchoolsSchema, rolloutSummarySchema } from '../../src/lib/server/api/paths/rollout';
import { apiRolloutSchools, apiRolloutSummary } from '../../src/lib/server/rollout/api';
import { connectTestDb, principalOf, QUANG_TRUNG } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('rollout API', () => {
	it('answers the schools in the documented shape, with platform statuses by code', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const { body, total } = await apiRolloutSchools(
			db,
			dept,
			{ page: 1, pageSize: 500 },
			'2026-11-28'
		);
		expect(() => rolloutSchoolsSchema.strict().parse(body)).not.toThrow();
		expect(total).toBe(body.schools.length);
		const qt = body.schools.find((s) => s.name === QUANG_TRUNG)!;
		expect(qt.platforms).toMatchObject({ total: 12, deployed: 12, inUse: 12 });
		expect(Object.keys(qt.platforms.byCode)).toContain('digital-library');
		expect(qt.checklist).toEqual({ status: 'approved', completed: 16, total: 16, percent: 100 });
		expect(qt.atRisk).toBe(false);
	});

	it('pages the schools and filters those at risk', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const page = await apiRolloutSchools(db, dept, { page: 2, pageSize: 10 }, '2026-11-28');
		expect(page.body.schools).toHaveLength(10);
		const risky = await apiRolloutSchools(
			db,
			dept,
			{ page: 1, pageSize: 500, atRisk: 'true' },
			'2026-11-28'
		);
		expect(risky.body.schools.length).toBeGreaterThan(0);
		expect(risky.body.schools.every((s) => s.atRisk)).toBe(true);
	});

	it('answers the headline figures in the documented shape', async () => {
		const summary = await apiRolloutSummary(
			db,
			await principalOf(db, 'vanyen@demo.example'),
			{},
			'2026-11-28'
		);
		expect(() => rolloutSummarySchema.parse(summary)).not.toThrow();
		expect(summary.schools).toBe(16);
		expect(
			summary.dtiLevels.teaching.level1 +
				summary.dtiLevels.teaching.level2 +
				summary.dtiLevels.teaching.level3 +
				summary.dtiLevels.teaching.notAssessed
		).toBe(16);
	});

	it('documents both endpoints in the OpenAPI document', () => {
		const doc = buildOpenApi();
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/rollout/schools', '/rollout/summary'])
		);
	});
});
