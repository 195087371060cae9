import type { APIRequestContext } from '@playwright/test';
import { OFFICIALS, type MatrixRow } from './types';

/**
 * Notice follow-up (issue 13, session 9): the files of an official notice. The matrix sends its own
 * notice from the Văn Yên office to the area's schools with a PDF (no demo notice changes); the
 * file is downloaded by Đông Cuông's admin (a target school's reader) and by the officials whose
 * scope holds the notice, and by nobody else: not under a school that is not a target, not under
 * another notice's id. The school's dead deliveries: its admin only.
 */
export const noticeFollowupRows: MatrixRow[] = [
	{
		name: 'an official notice’s PDF at Đông Cuông (a target school)',
		path: (ids) =>
			`/schools/${ids.rollout.dongCuong}/official-notices/${ids.officialNotices.withFile}/files/${ids.officialNotices.file}`,
		allow: ['admin_dc'],
		status: 200
	},
	{
		name: 'an official notice’s PDF under Quang Trung (not a target)',
		path: (ids) =>
			`/schools/${ids.quangTrung}/official-notices/${ids.officialNotices.withFile}/files/${ids.officialNotices.file}`,
		allow: [],
		status: 200
	},
	{
		name: 'an official notice’s PDF for the officials of its scope',
		path: (ids) =>
			`/department/notices/${ids.officialNotices.withFile}/files/${ids.officialNotices.file}`,
		allow: OFFICIALS,
		status: 200
	},
	{
		name: 'an official notice’s PDF under another notice’s id',
		path: (ids) =>
			`/department/notices/${ids.officialNotices.province}/files/${ids.officialNotices.file}`,
		allow: [],
		status: 200
	},
	{
		name: 'Quang Trung dead deliveries',
		path: (ids) => `/schools/${ids.quangTrung}/messages/deliveries?page=2`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'retry a dead delivery without naming it (nothing is retried)',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/messages/deliveries?/retry`,
		allow: ['admin_qt'],
		status: 400
	}
];

/** Sends the matrix's notice with a PDF from the Văn Yên office: the notice's and the file's ids. */
export async function officialFileIds(
	area: APIRequestContext
): Promise<{ withFile: number; file: number }> {
	const form = await (await area.get('/department/notices/new')).text();
	const key = /name="formKey" value="([^"]+)"/.exec(form);
	if (!key) throw new Error('the new official notice form has no form key');
	const res = await area.post('/department/notices/new', {
		multipart: {
			formKey: key[1],
			title: 'Ma trận: công văn kèm tệp',
			body: 'Tệp cho bảng phân quyền.',
			files: {
				name: 'congvan.pdf',
				mimeType: 'application/pdf',
				buffer: Buffer.from('%PDF-1.4\n%')
			}
		},
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	if (res.status() !== 303) throw new Error(`sending an official notice answered ${res.status()}`);
	const location = res.headers().location;
	const notice = /\/department\/notices\/(\d+)/.exec(location);
	const page = await (await area.get(location)).text();
	const file = /data-attachment="(\d+)"/.exec(page);
	if (!notice || !file) throw new Error('the sent official notice shows no file');
	return { withFile: Number(notice[1]), file: Number(file[1]) };
}
