import { describe, expect, it } from 'vitest';
import { notLoggableReason } from '../../src/lib/usage/adoption';
import { isFiltered, ROSTER_DEFAULTS } from '../../src/lib/lists';

describe('small journeys (issue 9, items 11 and 13)', () => {
	it('says why a day of the week cannot be logged', () => {
		expect(notLoggableReason('2026-12-06', '2026-12-05')).toBe('future');
		expect(notLoggableReason('2026-12-05', '2026-12-05')).toBeNull();
		expect(notLoggableReason('2026-12-04', '2026-12-05')).toBeNull();
		expect(notLoggableReason('2026-11-28', '2026-12-05')).toBe('too_old');
	});

	it('tells a filtered empty list from a list without data', () => {
		expect(isFiltered({ q: undefined, status: undefined, page: 2 }, ROSTER_DEFAULTS)).toBe(false);
		expect(isFiltered({ status: 'active' }, ROSTER_DEFAULTS)).toBe(false);
		expect(isFiltered({ status: 'inactive' }, ROSTER_DEFAULTS)).toBe(true);
		expect(isFiltered({ q: 'An' }, ROSTER_DEFAULTS)).toBe(true);
		expect(isFiltered({ area: 3 })).toBe(true);
	});
});
