import { describe, expect, it } from 'vitest';
import { displayPhone, normalisePhone, parseLoginName } from '$lib/phone';
import { canonicalCode, generateCode } from '$lib/server/accounts/codes';

describe('phone numbers as sign-in names', () => {
	it('reads every written form of one mobile number as the same number', () => {
		const forms = [
			'0912345678',
			'0912 345 678',
			'091.234.5678',
			'+84 912 345 678',
			'+84912345678',
			'84912345678',
			'0084 912 345 678',
			'(091) 234-5678',
			'０９１２３４５６７８'
		];
		for (const f of forms) expect(normalisePhone(f), f).toBe('+84912345678');
	});

	it('reads a landline with its area code', () => {
		expect(normalisePhone('0216 3852 123')).toBe('+842163852123');
		expect(normalisePhone('+84 216 3852 123')).toBe('+842163852123');
	});

	it('refuses what is not a Vietnamese number', () => {
		for (const bad of [
			'',
			'912345678',
			'091234567',
			'09123456789',
			'+1 212 555 0100',
			'0012345678',
			'+840912345678',
			'0912a45678',
			'0912\u0000345678',
			'1'.repeat(100_000)
		])
			expect(normalisePhone(bad), bad.slice(0, 20)).toBeNull();
	});

	it('prints a number the way people read it', () => {
		expect(displayPhone('+84912345678')).toBe('0912 345 678');
		expect(displayPhone('+842163852123')).toBe('021 6385 2123');
	});

	it('tells an e-mail from a phone number', () => {
		expect(parseLoginName(' Me@Example.COM ')).toEqual({ kind: 'email', value: 'me@example.com' });
		expect(parseLoginName('0912.345.678')).toEqual({ kind: 'phone', value: '+84912345678' });
		expect(parseLoginName('nobody')).toBeNull();
	});
});

describe('activation codes', () => {
	it('are 10 characters without look-alikes, and read back however they are typed', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const code = generateCode();
			expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
			expect(canonicalCode(code.toLowerCase().replace('-', ' '))).toBe(code);
			seen.add(code);
		}
		expect(seen.size).toBe(200);
		expect(canonicalCode('ABCDE-FGH1J')).toBeNull();
		expect(canonicalCode('ABCDE')).toBeNull();
	});
});
