import { describe, expect, it } from 'vitest';
import { pooledSmtpUrl } from '../../src/lib/server/messages/outbox';

describe('pooledSmtpUrl', () => {
	it('pools connections by default, as many as a delivery job sends at once', () => {
		const url = new URL(pooledSmtpUrl('smtp://mail.example:2525'));
		expect(url.searchParams.get('pool')).toBe('true');
		expect(url.searchParams.get('maxConnections')).toBe('8');
		expect(url.host).toBe('mail.example:2525');
	});

	it('keeps credentials and other options', () => {
		const url = new URL(pooledSmtpUrl('smtps://user%40x:p%3Ass@mail.example/?secure=true'));
		expect(url.username).toBe('user%40x');
		expect(url.password).toBe('p%3Ass');
		expect(url.searchParams.get('secure')).toBe('true');
		expect(url.searchParams.get('pool')).toBe('true');
	});

	it('leaves a URL that chooses for itself as it is', () => {
		expect(pooledSmtpUrl('smtp://127.0.0.1:25/?pool=false')).toBe(
			'smtp://127.0.0.1:25/?pool=false'
		);
		const url = new URL(pooledSmtpUrl('smtp://h/?maxConnections=2'));
		expect(url.searchParams.get('maxConnections')).toBe('2');
		expect(url.searchParams.get('pool')).toBe('true');
	});
});
