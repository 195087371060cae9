import { describe, expect, it } from 'vitest';
import { match as isId } from '../../src/params/id';
import { match as isUuid } from '../../src/params/uuid';

describe('route id matchers', () => {
	it('accept positive 32-bit integers written plainly', () => {
		for (const ok of ['1', '42', '2147483647']) expect(isId(ok), ok).toBe(true);
	});

	it('refuse anything else, so the route answers 404 before any code runs', () => {
		const bad = [
			'',
			'0',
			'-1',
			'007',
			'1e3',
			'1.0',
			' 1',
			'1 ',
			'abc',
			'2147483648',
			'9'.repeat(30)
		];
		for (const value of bad) expect(isId(value), JSON.stringify(value)).toBe(false);
	});

	it('take only random UUIDs for import batches', () => {
		expect(isUuid('0b6c5b0e-8c1f-4b39-9a5e-2f0e7f1d3c4a')).toBe(true);
		expect(isUuid('0B6C5B0E-8C1F-4B39-9A5E-2F0E7F1D3C4A')).toBe(false);
		expect(isUuid('../etc/passwd')).toBe(false);
	});
});
