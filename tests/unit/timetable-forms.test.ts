import { describe, expect, it } from 'vitest';
import {
	generateSchema,
	parseRequirementsForm,
	publishSchema,
	weekSettingsSchema
} from '../../src/lib/schemas/timetable';

describe('the timetable forms', () => {
	it('reads the weekly periods of a class', () => {
		expect(
			parseRequirementsForm({ classId: '5', p_12: '3', v_12: '0', p_13: '0', v_13: '2' })
		).toEqual({
			classId: 5,
			changes: [
				{ subjectId: 12, periodsPerWeek: 3, version: 0 },
				{ subjectId: 13, periodsPerWeek: 0, version: 2 }
			]
		});
	});

	it('refuses hostile and out-of-range values as a whole', () => {
		const ok = { classId: '5', v_12: '0' };
		for (const p of ['21', '-1', '1e400', '3\u0000', 'x'.repeat(100_000), '2.5', ''])
			expect(parseRequirementsForm({ ...ok, p_12: p }), JSON.stringify(p.slice(0, 10))).toBeNull();
		expect(parseRequirementsForm({ classId: '5', p_12: '3' })).toBeNull();
		expect(parseRequirementsForm({ classId: '99999999999', p_12: '3', v_12: '0' })).toBeNull();
		expect(parseRequirementsForm({ classId: '5' })).toBeNull();
		expect(
			parseRequirementsForm({ classId: '5', p_99999999999: '3', v_99999999999: '0' })
		).toBeNull();
	});

	it('refuses a week, a generation or a publication out of range', () => {
		expect(
			weekSettingsSchema.safeParse({
				days: '7',
				sessions: 'morning',
				periodsPerSession: '5',
				version: '0'
			}).success
		).toBe(false);
		expect(
			weekSettingsSchema.safeParse({
				days: '6',
				sessions: 'night',
				periodsPerSession: '5',
				version: '0'
			}).success
		).toBe(false);
		expect(generateSchema.safeParse({ seed: '1', timeLimitSeconds: '100000' }).success).toBe(false);
		expect(
			generateSchema.safeParse({ seed: '9'.repeat(400), timeLimitSeconds: '30' }).success
		).toBe(false);
		expect(
			publishSchema.safeParse({ versionId: '1', version: '1', effectiveFrom: '2026-02-30' }).success
		).toBe(false);
		expect(
			publishSchema.safeParse({ versionId: '1', version: '1', effectiveFrom: '05/12/2026' }).data
		).toMatchObject({ effectiveFrom: '2026-12-05' });
	});
});
