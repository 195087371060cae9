import { describe, expect, it } from 'vitest';
import {
	email,
	optionalMultiline,
	optionalText,
	queryId,
	searchQuery,
	text
} from '../../src/lib/schemas/common';
import { loginSchema } from '../../src/lib/schemas/auth';
import { schoolFiltersSchema } from '../../src/lib/schemas/org';
import { guardianSchema, rosterFiltersSchema, studentSchema } from '../../src/lib/schemas/roster';
import { quickLogSchema, usageEventSchema } from '../../src/lib/schemas/usage';
import { checklistActionSchema, itemReviewSchema, itemSchema } from '../../src/lib/schemas/rollout';
import { rolloutQuerySchema } from '../../src/lib/server/api/paths/rollout';
import { schoolQuerySchema } from '../../src/lib/server/api/paths/org';
import { cleanCell } from '../../src/lib/server/spreadsheet/limits';

const CONTROL = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f'];

describe('control characters in the shared text schemas', () => {
	it.each(CONTROL)('refuses U+%s in every kind of text field', (c) => {
		for (const schema of [text(), optionalText(), optionalMultiline(), email]) {
			const result = schema.safeParse(`a${c}b@x.example`);
			expect(result.success).toBe(false);
			expect(result.error?.issues[0].message).toBe('v_invalid');
		}
	});

	it('keeps line breaks and tabs in multi-line notes, and folds them in one-line text', () => {
		expect(optionalMultiline().parse('dòng 1\r\n\tdòng 2')).toBe('dòng 1\n\tdòng 2');
		expect(text().parse('Nguyễn\tVăn\nAn')).toBe('Nguyễn Văn An');
	});

	it('keeps the line breaks of the notes, reasons and comments that users type in a textarea', () => {
		const note = 'Bước 1: cài đặt\nBước 2: tập huấn';
		expect(
			itemSchema.parse({
				status: 'done' as const,
				selfScore: null,
				responsibleStaffId: null,
				dueOn: null,
				note,
				version: 1
			}).note
		).toBe(note);
		expect(
			itemReviewSchema.parse({
				reviewerScore: null,
				decision: 'returned',
				comment: note,
				version: 1
			}).comment
		).toBe(note);
		expect(checklistActionSchema.parse({ action: 'return', reason: note, version: 1 }).reason).toBe(
			note
		);
		const entry = { staffId: 1, platformId: 1, classIds: [], periods: 1, date: '2026-12-01', note };
		expect(quickLogSchema.parse(entry).note).toBe(note);
	});

	it('refuses a NUL in the forms of sign-in, pupils and guardians and in usage events', () => {
		expect(loginSchema.safeParse({ login: 'so@demo.example\u0000', password: 'x' }).success).toBe(
			false
		);
		const pupil = { code: 'HS\u00001', fullName: 'An', gender: 'M', birthDate: '01/01/2012' };
		expect(studentSchema.safeParse(pupil).success).toBe(false);
		expect(guardianSchema.safeParse({ fullName: 'Bố\u0000', phone: '', email: '' }).success).toBe(
			false
		);
		const event = {
			id: 'e1',
			platform: 'k12',
			teacherEmail: 'gv@demo.example',
			occurredAt: '2026-03-02T08:00:00+07:00',
			className: '6A\u0000'
		};
		expect(usageEventSchema.safeParse(event).success).toBe(false);
		expect(usageEventSchema.safeParse({ ...event, className: '6A' }).success).toBe(true);
	});
});

describe('query parameters', () => {
	it('ignores a search with control characters and ids out of range on the pages', () => {
		expect(searchQuery.parse('An\u0000')).toBeUndefined();
		expect(rosterFiltersSchema.parse({ q: '\u0000', classId: '99999999999' })).toEqual({
			q: undefined,
			classId: undefined,
			status: undefined,
			page: undefined
		});
		expect(schoolFiltersSchema.parse({ area: '1e309', page: '2^63' }).area).toBeUndefined();
		expect(queryId.parse('9223372036854775808')).toBeUndefined();
	});

	it("answers the API's bad query parameters as invalid (a 400), not a database error", () => {
		expect(schoolQuerySchema.safeParse({ q: 'a\u0000' }).success).toBe(false);
		expect(schoolQuerySchema.safeParse({ areaId: '99999999999' }).success).toBe(false);
		expect(rolloutQuerySchema.safeParse({ waveId: '1e309' }).success).toBe(false);
	});
});

describe('import cells', () => {
	it('strips control characters from every spreadsheet cell', () => {
		expect(cleanCell('HS\u00000\u00011')).toBe('HS01');
	});
});
