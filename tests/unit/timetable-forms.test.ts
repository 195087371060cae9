import { describe, expect, it } from 'vitest';
import {
	generateSchema,
	parseRequirementsForm,
	publishSchema,
	unavailabilityFields,
	unavailabilitySchema,
	weekSettingsSchema
} from '../../src/lib/schemas/timetable';

function unavailabilityForm(slots: string[], extra: Record<string, string> = {}) {
	const data = new FormData();
	for (const [k, v] of Object.entries({ staffId: '7', version: '0', ...extra })) data.set(k, v);
	for (const s of slots) data.append('slot', s);
	return unavailabilitySchema.safeParse(unavailabilityFields(data));
}

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

	it("reads a teacher's unavailable slots, none ticked included", () => {
		expect(unavailabilityForm(['0-0', '5-9']).data).toEqual({
			staffId: 7,
			version: 0,
			slots: [
				[0, 0],
				[5, 9]
			]
		});
		expect(unavailabilityForm([]).data).toEqual({ staffId: 7, version: 0, slots: [] });
	});

	it('refuses hostile unavailability forms', () => {
		for (const slot of ['7-0', '0-16', '0-0\u0000', 'x'.repeat(100_000), '-1-0', '0-1e3', ''])
			expect(unavailabilityForm([slot]).success, JSON.stringify(slot.slice(0, 10))).toBe(false);
		expect(unavailabilityForm(Array(113).fill('0-0')).success).toBe(false);
		expect(unavailabilityForm([], { staffId: '9'.repeat(400) }).success).toBe(false);
		expect(unavailabilityForm([], { version: '-1' }).success).toBe(false);
		expect(unavailabilityForm([], { staffId: '7\u0000' }).success).toBe(false);
		const noStaff = new FormData();
		noStaff.set('version', '0');
		expect(unavailabilitySchema.safeParse(unavailabilityFields(noStaff)).success).toBe(false);
	});
});
