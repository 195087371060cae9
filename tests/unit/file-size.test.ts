import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../src/lib/format';

describe('file sizes', () => {
	it('says 303 B, not 0 KB, and switches to KB and MB', () => {
		expect(formatFileSize(303)).toBe('303 B');
		expect(formatFileSize(0)).toBe('0 B');
		expect(formatFileSize(4300)).toBe('4,2 KB');
		expect(formatFileSize(4300, 'en')).toBe('4.2 KB');
		expect(formatFileSize(250 * 1024)).toBe('250 KB');
		expect(formatFileSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
		expect(formatFileSize(null)).toBe('–');
	});
});
