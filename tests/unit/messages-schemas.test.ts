import { describe, expect, it } from 'vitest';
import {
	parentStartSchema,
	recipientSchema,
	replySchema,
	teacherStartSchema
} from '../../src/lib/schemas/messages';

describe('message forms', () => {
	it('keep line breaks and tabs in a body, normalise CRLF and trim the ends', () => {
		expect(replySchema.parse({ body: '  Dòng 1\r\n\tDòng 2\n\nDòng 4  ' })).toEqual({
			body: 'Dòng 1\n\tDòng 2\n\nDòng 4'
		});
	});

	it('refuse NUL and other control characters, empty bodies and bodies over 5,000 characters', () => {
		for (const body of [
			'a\u0000b',
			'a\u0007b',
			'a\u001bb',
			'   \n\t ',
			'',
			'x'.repeat(5001),
			'x'.repeat(100_000)
		])
			expect(replySchema.safeParse({ body }).success, JSON.stringify(body.slice(0, 10))).toBe(
				false
			);
		expect(replySchema.safeParse({}).success).toBe(false);
		expect(replySchema.safeParse({ body: 'x'.repeat(5000) }).success).toBe(true);
	});

	it('read a parent’s recipient from one select value', () => {
		expect(recipientSchema.parse('12:homeroom')).toEqual({
			studentId: 12,
			kind: 'homeroom',
			subjectId: null
		});
		expect(recipientSchema.parse('7:subject:3')).toEqual({
			studentId: 7,
			kind: 'subject',
			subjectId: 3
		});
		expect(recipientSchema.parse('7:office')).toMatchObject({ kind: 'office' });
	});

	it('refuse malformed recipients, huge ids and hostile text with a 4xx-able validation failure', () => {
		for (const to of [
			'',
			'12',
			'12:principal',
			'12:subject:',
			'0:homeroom',
			'99999999999:homeroom',
			'2147483648:office',
			'1:subject:2147483648',
			'1e3:office',
			'-1:office',
			'12:homeroom\u0000',
			'x'.repeat(100_000)
		])
			expect(recipientSchema.safeParse(to).success, to.slice(0, 20)).toBe(false);
	});

	it('require a title on one line and an id for the teacher’s pupil', () => {
		expect(
			parentStartSchema.parse({ to: '1:office', title: ' Học \n phí ', body: 'b' }).title
		).toBe('Học phí');
		expect(
			parentStartSchema.safeParse({ to: '1:office', title: 'x'.repeat(201), body: 'b' }).success
		).toBe(false);
		for (const student of ['', 'abc', '0', '-3', '1e309', '99999999999'])
			expect(teacherStartSchema.safeParse({ student, title: 't', body: 'b' }).success).toBe(false);
	});
});
