import { describe, expect, it } from 'vitest';
import {
	areaValue,
	heldAward,
	nominationProblem,
	parseAwardArea
} from '../../src/lib/grades/primary-award';
import { nominationSchema, decisionSchema } from '../../src/lib/schemas/primary-award';

describe('"Học sinh Tiêu biểu" (Circular 27, Art. 13)', () => {
	it('is open to a pupil at Hoàn thành tốt only', () => {
		expect(nominationProblem('tot')).toBeNull();
		expect(nominationProblem('xuat_sac')).toBe('primary_award_not_eligible');
		expect(nominationProblem('hoan_thanh')).toBe('primary_award_not_eligible');
		expect(nominationProblem('chua_hoan_thanh')).toBe('primary_award_not_eligible');
		expect(nominationProblem(null)).toBe('primary_award_no_result');
	});

	it('is held once confirmed and while the result stays Hoàn thành tốt', () => {
		expect(heldAward('tot', 'confirmed')).toBe('tieu_bieu');
		expect(heldAward('tot', 'nominated')).toBeNull();
		expect(heldAward('tot', 'refused')).toBeNull();
		expect(heldAward('tot', null)).toBeNull();
		// the result fell after the decision: no award, the decision is kept
		expect(heldAward('hoan_thanh', 'confirmed')).toBeNull();
		// Hoàn thành xuất sắc is "Học sinh Xuất sắc" whatever the nomination
		expect(heldAward('xuat_sac', null)).toBe('xuat_sac');
		expect(heldAward('xuat_sac', 'confirmed')).toBe('xuat_sac');
		expect(heldAward(null, 'confirmed')).toBeNull();
	});

	it('reads the area of the form: a subject id or a quality or competence of the programme', () => {
		expect(parseAwardArea('subject:12')).toEqual({ kind: 'subject', subjectId: 12 });
		expect(parseAwardArea('quality:cham_chi')).toEqual({ kind: 'quality', item: 'cham_chi' });
		for (const bad of [
			'subject:0',
			'subject:-1',
			'subject:1e3',
			'quality:hack',
			'subject:',
			'',
			'x'
		])
			expect(parseAwardArea(bad)).toBeNull();
		expect(parseAwardArea('subject:99999999999')).toBeNull();
		expect(areaValue({ kind: 'quality', item: 'nhan_ai' })).toBe('quality:nhan_ai');
	});

	it('validates the forms: reason required and bounded, no control characters', () => {
		expect(
			nominationSchema.safeParse({ studentId: '3', area: 'quality:cham_chi', reason: ' Tiến bộ ' })
				.data
		).toEqual({
			studentId: 3,
			area: 'quality:cham_chi',
			reason: 'Tiến bộ'
		});
		for (const reason of ['', '   ', 'a\u0000b', 'x'.repeat(501)])
			expect(
				nominationSchema.safeParse({ studentId: '3', area: 'quality:cham_chi', reason }).success
			).toBe(false);
		expect(nominationSchema.safeParse({ studentId: '1e99', area: 'x', reason: 'y' }).success).toBe(
			false
		);
		expect(
			decisionSchema.safeParse({ nominationId: '1', version: '0', decision: 'maybe' }).success
		).toBe(false);
		expect(
			decisionSchema.safeParse({ nominationId: '1', version: '0', decision: 'confirmed' }).success
		).toBe(true);
	});
});
