import { describe, expect, it } from 'vitest';
import {
	checkpointColumns,
	checkpointDatesProblem,
	columnEntry,
	entryState,
	isLocked,
	publishedView,
	type CheckpointSettings
} from '../../src/lib/grades/checkpoints';
import {
	checkpointSchema,
	correctionRequestSchema
} from '../../src/lib/schemas/grades-checkpoints';

const dates = (opensOn: string | null, closesOn: string | null, locksOn: string | null) => ({
	opensOn,
	closesOn,
	locksOn
});

describe('a checkpoint’s entry state on a day', () => {
	const window = dates('2026-10-26', '2026-11-07', '2026-11-15');
	it('is open without any date set, and without a row', () => {
		expect(entryState(undefined, '2026-11-01')).toBe('open');
		expect(entryState(dates(null, null, null), '2026-11-01')).toBe('open');
	});
	it('is not open before the opening day, open from it to the deadline included', () => {
		expect(entryState(window, '2026-10-25')).toBe('not_open');
		expect(entryState(window, '2026-10-26')).toBe('open');
		expect(entryState(window, '2026-11-07')).toBe('open');
	});
	it('is late after the deadline and locked from the lock day on (the lock day itself included)', () => {
		expect(entryState(window, '2026-11-08')).toBe('late');
		expect(entryState(window, '2026-11-14')).toBe('late');
		expect(entryState(window, '2026-11-15')).toBe('locked');
		expect(entryState(window, '2027-05-01')).toBe('locked');
		expect(isLocked(window, '2026-11-14')).toBe(false);
		expect(isLocked(window, '2026-11-15')).toBe(true);
	});
	it('a lock without a window locks from its day', () => {
		expect(entryState(dates(null, null, '2026-12-01'), '2026-11-30')).toBe('open');
		expect(entryState(dates(null, null, '2026-12-01'), '2026-12-01')).toBe('locked');
	});
});

describe('which checkpoint decides a gradebook column', () => {
	const settings: CheckpointSettings = {
		mid1: dates('2026-10-26', '2026-11-07', '2026-11-15'),
		end1: dates('2026-12-21', '2027-01-05', '2027-01-12')
	};
	it('the mid-term lock locks GK only; TX and CK stay open', () => {
		const day = '2026-11-20';
		expect(columnEntry(1, 'gk', settings, day)).toMatchObject({
			state: 'locked',
			checkpoint: 'mid1'
		});
		expect(columnEntry(1, 'tx1', settings, day).state).toBe('open');
		expect(columnEntry(1, 'ck', settings, day)).toMatchObject({
			state: 'not_open',
			checkpoint: 'end1',
			opensOn: '2026-12-21'
		});
	});
	it('GK cannot be entered before its window; TX can', () => {
		expect(columnEntry(1, 'gk', settings, '2026-10-01').state).toBe('not_open');
		expect(columnEntry(1, 'tx4', settings, '2026-10-01').state).toBe('open');
	});
	it('the end-of-term lock locks every column of the semester', () => {
		for (const column of ['tx1', 'tx3', 'gk', 'ck'])
			expect(columnEntry(1, column, settings, '2027-01-12')).toMatchObject({
				state: 'locked',
				checkpoint: 'end1'
			});
	});
	it('semester II is decided by mid2 and the year checkpoint, never by semester I’s', () => {
		expect(columnEntry(2, 'gk', settings, '2027-01-20').state).toBe('open');
		const year: CheckpointSettings = { year: dates(null, '2027-05-20', '2027-05-25') };
		expect(columnEntry(2, 'ck', year, '2027-05-21')).toMatchObject({
			state: 'late',
			checkpoint: 'year'
		});
		expect(columnEntry(2, 'tx2', year, '2027-05-25')).toMatchObject({
			state: 'locked',
			checkpoint: 'year'
		});
		expect(columnEntry(1, 'tx2', year, '2027-05-25').state).toBe('open');
	});
	it('refuses a semester that is neither 1 nor 2', () => {
		expect(() => columnEntry(3, 'gk', settings, '2027-01-20')).toThrow(RangeError);
	});
});

describe('what a checkpoint covers and publishes', () => {
	const columns = ['tx1', 'tx2', 'gk', 'ck'];
	it('mid-term: the GK column; end of term: every column', () => {
		expect(checkpointColumns('mid1', columns)).toEqual(['gk']);
		expect(checkpointColumns('end1', columns)).toEqual(columns);
		expect(checkpointColumns('year', columns)).toEqual(columns);
	});
	it('parents see nothing of a semester until a checkpoint of it is published', () => {
		expect(publishedView(1, new Set())).toBe('none');
		expect(publishedView(1, new Set(['mid1'] as const))).toBe('midterm');
		expect(publishedView(1, new Set(['mid1', 'end1'] as const))).toBe('semester');
		expect(publishedView(1, new Set(['end1'] as const))).toBe('semester');
		expect(publishedView(2, new Set(['mid1', 'end1'] as const))).toBe('none');
		expect(publishedView(2, new Set(['mid2'] as const))).toBe('midterm');
		expect(publishedView(2, new Set(['year'] as const))).toBe('semester');
	});
});

describe('checkpoint dates and forms', () => {
	it('keeps the dates in order', () => {
		expect(checkpointDatesProblem(dates('2026-10-26', '2026-11-07', '2026-11-15'))).toBeNull();
		expect(checkpointDatesProblem(dates('2026-10-26', '2026-11-07', '2026-11-07'))).toBeNull();
		expect(checkpointDatesProblem(dates('2026-11-08', '2026-11-07', null))).toEqual({
			field: 'closesOn',
			code: 'grades_closes_before_opens'
		});
		expect(checkpointDatesProblem(dates(null, '2026-11-07', '2026-11-06'))?.field).toBe('locksOn');
		expect(checkpointDatesProblem(dates('2026-11-08', null, '2026-11-01'))?.code).toBe(
			'grades_locks_before_opens'
		);
	});
	it('the dates form accepts empty dates and dd/mm/yyyy, refuses hostile input', () => {
		const ok = checkpointSchema.parse({
			checkpoint: 'mid1',
			opensOn: '',
			closesOn: '07/11/2026',
			locksOn: '2026-11-15',
			version: '0'
		});
		expect(ok).toEqual({
			checkpoint: 'mid1',
			opensOn: null,
			closesOn: '2026-11-07',
			locksOn: '2026-11-15',
			version: 0
		});
		const bad = (over: Record<string, string>) =>
			checkpointSchema.safeParse({ checkpoint: 'mid1', version: '0', ...over }).success;
		expect(bad({ checkpoint: 'end3' })).toBe(false);
		expect(bad({ locksOn: '2026-02-30' })).toBe(false);
		expect(bad({ locksOn: '2026-11-15\u0000' })).toBe(false);
		expect(bad({ opensOn: 'x'.repeat(100_000) })).toBe(false);
		expect(bad({ version: '99999999999' })).toBe(false);
		expect(bad({ version: '-1' })).toBe(false);
	});
	it('a correction request needs a reason and a real column', () => {
		const base = { studentId: '5', column: 'gk', value: '8,5', reason: 'Chấm nhầm' };
		expect(correctionRequestSchema.safeParse(base).success).toBe(true);
		expect(correctionRequestSchema.safeParse({ ...base, reason: '   ' }).success).toBe(false);
		expect(correctionRequestSchema.safeParse({ ...base, column: 'tx10' }).success).toBe(false);
		expect(correctionRequestSchema.safeParse({ ...base, reason: 'a\u0000' }).success).toBe(false);
		expect(correctionRequestSchema.safeParse({ ...base, reason: 'a'.repeat(1001) }).success).toBe(
			false
		);
		expect(correctionRequestSchema.safeParse({ ...base, studentId: '0' }).success).toBe(false);
	});
});
