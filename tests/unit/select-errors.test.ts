import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Field from '../../src/lib/components/ui/Field.svelte';
import { translateSelectError } from '../../src/lib/i18n/errors';
import { classSchema } from '../../src/lib/schemas/roster';

describe('a missing select in words (issue 9, item 11)', () => {
	it('says "Chọn khối." for the grade of the class form, not "at least 1"', () => {
		const result = classSchema.safeParse({ grade: 0, name: '6A' });
		expect(result.success).toBe(false);
		const code = result.error!.issues.find((i) => i.path[0] === 'grade')!.message;
		expect(translateSelectError(code, 'Khối')).toBe('Chọn khối.');
		const html = render(Field, {
			props: {
				label: 'Khối',
				name: 'grade',
				type: 'select',
				options: [{ value: 6, label: '6' }],
				errors: [code]
			}
		}).body;
		expect(html).toContain('Chọn khối.');
		expect(html).not.toContain('trở lên');
	});

	it('says the same for any missing choice, and keeps other errors', () => {
		for (const code of ['v_required', 'v_choice', 'v_too_small|{"min":0}', 'v_number'])
			expect(translateSelectError(code, 'Khu vực')).toBe('Chọn khu vực.');
		expect(translateSelectError('roster_code_taken', 'Lớp')).not.toBe('Chọn lớp.');
		expect(translateSelectError('v_required', 'GVCN')).toBe('Chọn GVCN.');
	});

	it('leaves the errors of other fields as they are', () => {
		const html = render(Field, {
			props: {
				label: 'Số tiết',
				name: 'periods',
				type: 'number',
				errors: ['v_too_small|{"min":1}']
			}
		}).body;
		expect(html).toContain('Giá trị phải từ 1 trở lên.');
	});
});
