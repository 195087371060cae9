import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fontPath, pdfResponse, renderPdf } from '../../src/lib/server/pdf';
import { pdfPageCount, pdfTitle } from '../helpers/pdf';

describe('PDF module', () => {
	it('finds the DejaVu fonts in node_modules at run time', () => {
		for (const style of ['regular', 'bold', 'italic'] as const)
			expect(existsSync(fontPath(style))).toBe(true);
	});

	it('renders a Vietnamese document with a title, fields, text and a table', async () => {
		const bytes = await renderPdf({
			title: 'Phiếu liên lạc — Nguyễn Thị Ánh Tuyết',
			header: ['Sở Giáo dục và Đào tạo', 'Trường THCS Quang Trung'],
			footer: 'In ngày 05/12/2026',
			blocks: [
				{
					kind: 'fields',
					fields: [
						['Học sinh', 'Nguyễn Thị Ánh Tuyết'],
						['Lớp', '8A']
					]
				},
				{ kind: 'heading', text: 'Kết quả học tập' },
				{
					kind: 'table',
					columns: [
						{ header: 'Môn học', width: 3 },
						{ header: 'ĐTB', align: 'right' }
					],
					rows: [
						['Ngữ văn', '8,3'],
						['Giáo dục thể chất', 'Đạt']
					]
				},
				{ kind: 'text', text: 'Nhận xét: chăm chỉ, tiến bộ rõ rệt ở môn Toán.', style: 'italic' }
			]
		});
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(bytes.byteLength).toBeGreaterThan(2000);
		expect(pdfTitle(bytes)).toBe('Phiếu liên lạc — Nguyễn Thị Ánh Tuyết');
		expect(pdfPageCount(bytes)).toBe(1);
	});

	it('breaks a long table over pages', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => [`Học sinh số ${i + 1}`, String(i)]);
		const bytes = await renderPdf({
			title: 'Danh sách',
			blocks: [{ kind: 'table', columns: [{ header: 'Tên' }, { header: 'Số' }], rows }]
		});
		expect(pdfPageCount(bytes)).toBeGreaterThan(1);
	});

	it('answers with an ASCII and a UTF-8 file name, not cached, not transformed', async () => {
		const res = pdfResponse(new Uint8Array([37, 80, 68, 70]), 'phieu-lien-lac-Nguyễn Văn Đức.pdf');
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toContain('filename="phieu-lien-lac-Nguyen-Van-Duc.pdf"');
		expect(disposition).toContain("filename*=UTF-8''phieu-lien-lac-Nguy%E1%BB%85n");
		expect(res.headers.get('cache-control')).toContain('no-transform');
	});
});
