import { describe, expect, it } from 'vitest';
import { changesLabel, statusSourceLabel } from '../../src/lib/i18n/rollout';
import { deviceLabel } from '../../src/lib/server/auth/device-label';

/** Histories and session lists speak plain Vietnamese, never column names or raw strings. */
describe('plain words in histories and sessions', () => {
	it('names the changed fields of an item or a platform as the forms call them', () => {
		const text = changesLabel({
			review_comment: [null, 'Thiếu ảnh'],
			reviewer_score: [null, 5],
			go_live_on: [null, '2026-09-05']
		});
		expect(text).toBe('Đã đổi: Nhận xét của người duyệt, Điểm người duyệt, Ngày đưa vào sử dụng');
		expect(text).not.toMatch(/_/);
	});

	it('names an evidence file without its byte count, and ignores unknown keys', () => {
		expect(changesLabel({ file: 'bien-ban.pdf', bytes: 303 })).toBe('Tệp bien-ban.pdf');
		expect(changesLabel({ internal_flag: [1, 2] })).toBe('');
		expect(changesLabel(null)).toBe('');
	});

	it('says where an automatic status came from, and nothing for a manual one', () => {
		expect(statusSourceLabel('seed')).toBe('dữ liệu mẫu');
		expect(statusSourceLabel('usage')).toBe('theo số liệu sử dụng');
		expect(statusSourceLabel('manual')).toBe('');
	});

	it('describes a session’s device by browser and system', () => {
		const android =
			'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
		expect(deviceLabel(android)).toBe('Chrome 156 · Android 14');
		expect(deviceLabel(null)).toBeNull();
		expect(deviceLabel('x')).toBeNull();
	});
});
