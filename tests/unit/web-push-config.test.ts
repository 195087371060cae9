import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config';

/** The Web Push settings of the configuration (migration 0310): VAPID keys both or neither. */
const PUBLIC = 'B' + 'A'.repeat(86);
const PRIVATE = 'a'.repeat(43);

describe('the Web Push configuration', () => {
	it('generates keys when none are given and allows the known push services', () => {
		const config = parseConfig({});
		expect(config.VAPID_PUBLIC_KEY).toBeUndefined();
		expect(config.VAPID_SUBJECT).toMatch(/^mailto:/);
		expect(config.PUSH_ENDPOINT_HOSTS.split(',')).toEqual([
			'fcm.googleapis.com',
			'updates.push.services.mozilla.com',
			'*.notify.windows.com',
			'web.push.apple.com'
		]);
	});

	it('takes both keys, and refuses one alone or a bad subject', () => {
		const both = parseConfig({ VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: PRIVATE });
		expect(both.VAPID_PUBLIC_KEY).toBe(PUBLIC);
		expect(() => parseConfig({ VAPID_PUBLIC_KEY: PUBLIC })).toThrow(ConfigError);
		expect(() => parseConfig({ VAPID_PRIVATE_KEY: PRIVATE })).toThrow(/VAPID_PRIVATE_KEY/);
		expect(() => parseConfig({ VAPID_SUBJECT: 'http://example.org' })).toThrow(/VAPID_SUBJECT/);
		expect(() => parseConfig({ PUSH_ENDPOINT_HOSTS: 'a.example/path' })).toThrow(
			/PUSH_ENDPOINT_HOSTS/
		);
	});
});
