import { describe, expect, it } from 'vitest';
import {
	bellCount,
	bellIssues,
	clockText,
	defaultBellStarts,
	parseClock,
	periodLabels,
	periodMinutes,
	periodTimes,
	resolveBells
} from '../../src/lib/timetable/bells';
import { bellsSchema } from '../../src/lib/schemas/timetable';

const texts = (starts: number[]) => starts.map(clockText);

describe('the default school day', () => {
	it('is the day the feeds assumed before bells existed: 07:00 and 13:30, a break after period 2', () => {
		expect(texts(defaultBellStarts({ sessions: 'morning', periodsPerSession: 5 }))).toEqual([
			'07:00',
			'07:50',
			'08:55',
			'09:45',
			'10:35'
		]);
		const both = defaultBellStarts({ sessions: 'both', periodsPerSession: 4 });
		expect(texts(both)).toEqual([
			'07:00',
			'07:50',
			'08:55',
			'09:45',
			'13:30',
			'14:20',
			'15:25',
			'16:15'
		]);
		const bells = resolveBells({
			sessions: 'both',
			periodsPerSession: 4,
			bellStarts: null,
			periodMinutes: 45
		});
		for (let p = 0; p < 8; p++) expect(periodTimes(bells, p)).toEqual(periodMinutes(p, 4));
	});

	it('is used when the saved bells no longer fit the week', () => {
		const bells = resolveBells({
			sessions: 'both',
			periodsPerSession: 5,
			bellStarts: [420, 470, 520, 570, 620],
			periodMinutes: 40
		});
		expect(bells.starts).toHaveLength(10);
		expect(clockText(bells.starts[5])).toBe('13:30');
		expect(bells.periodMinutes).toBe(40);
	});
});

describe("a school's bells", () => {
	const bells = resolveBells({
		sessions: 'morning',
		periodsPerSession: 3,
		bellStarts: [405, 450, 500],
		periodMinutes: 40
	});

	it('give each period its start and end, and continue past the last bell', () => {
		expect(periodTimes(bells, 1)).toEqual({ start: 450, end: 490 });
		expect(periodTimes(bells, 4)).toEqual({ start: 590, end: 630 });
		expect(periodLabels(bells, 3)).toEqual(['06:45–07:25', '07:30–08:10', '08:20–09:00']);
	});

	it('count one per period of the day', () => {
		expect(bellCount({ sessions: 'morning', periodsPerSession: 5 })).toBe(5);
		expect(bellCount({ sessions: 'both', periodsPerSession: 5 })).toBe(10);
	});
});

describe('the bell rules', () => {
	it('accept ascending starts a period apart within 05:00-22:00', () => {
		expect(bellIssues([300, 345, 390], 45, 3)).toEqual([]);
		expect(bellIssues([1200, 1230, 1275], 30, 3)).toEqual([]);
	});

	it('refuse a period that starts before the previous one ends, naming when it ends', () => {
		expect(bellIssues([420, 460, 520], 45, 3)).toEqual([
			{ index: 1, code: 'timetable_v_bell_order', params: { after: '07:45' } }
		]);
		expect(bellIssues([420, 420, 520], 45, 3)[0].index).toBe(1);
		expect(bellIssues([600, 420, 520], 45, 3).map((i) => i.index)).toEqual([1]);
	});

	it('refuse times before 05:00 or a period ending after 22:00', () => {
		expect(bellIssues([299, 420, 520], 45, 3)).toEqual([
			{ index: 0, code: 'timetable_v_bell_range' }
		]);
		expect(bellIssues([420, 520, 1276], 45, 3)[0]).toEqual({
			index: 2,
			code: 'timetable_v_bell_range'
		});
		expect(bellIssues([420, 520, 1275], 45, 3)).toEqual([]);
	});

	it('refuse a count other than the periods of the day', () => {
		expect(bellIssues([420, 470], 45, 3)).toEqual([
			{ index: null, code: 'timetable_v_bell_count', params: { count: '3' } }
		]);
	});

	it('read clock times strictly', () => {
		expect(parseClock('07:05')).toBe(425);
		for (const bad of ['7:05', '24:00', '07:60', '07:05:00', '', ' 07:05', '０7:05'])
			expect(parseClock(bad)).toBeNull();
	});
});

describe('the bell form schema', () => {
	it('turns the fields into minutes', () => {
		const parsed = bellsSchema(3).parse({
			bell_0: '07:00',
			bell_1: '07:45',
			bell_2: '08:30',
			bell_3: 'ignored',
			periodMinutes: '40',
			version: '2'
		});
		expect(parsed).toEqual({ starts: [420, 465, 510], periodMinutes: 40, version: 2 });
	});

	it('puts each broken rule beside its field', () => {
		const r = bellsSchema(3).safeParse({
			bell_0: '04:59',
			bell_1: '07:45',
			bell_2: '7h',
			periodMinutes: '45',
			version: '0'
		});
		expect(r.success).toBe(false);
		const paths = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
		expect(paths).toContain('bell_2:timetable_v_bell_time');
	});

	it('reports overlaps with the period length beside the later period', () => {
		const r = bellsSchema(2).safeParse({
			bell_0: '07:00',
			bell_1: '07:30',
			periodMinutes: '45',
			version: '1'
		});
		expect(r.error!.issues).toEqual([
			expect.objectContaining({
				path: ['bell_1'],
				message: 'timetable_v_bell_order|{"after":"07:45"}'
			})
		]);
	});

	it('refuses hostile input: control characters, long strings, huge numbers, missing fields', () => {
		const base = { bell_0: '07:00', bell_1: '08:00', periodMinutes: '45', version: '1' };
		for (const bad of [
			{ ...base, bell_0: '07:\u000000' },
			{ ...base, bell_1: 'x'.repeat(100_000) },
			{ ...base, periodMinutes: '1e308' },
			{ ...base, version: '99999999999999999999' },
			{ ...base, bell_1: undefined }
		])
			expect(bellsSchema(2).safeParse(bad).success).toBe(false);
	});
});
