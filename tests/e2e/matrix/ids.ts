import { expect, type APIRequestContext } from '@playwright/test';
import { gradesIds } from './grades';
import { gradesApiIds } from './grades-api';
import { timetableIds } from './timetable';
import { messagesIds } from './messages';
import { primaryIds } from './primary';
import type { Caller, MatrixIds, RolloutIds } from './types';
import { officialFileIds } from './notice-followup';

/**
 * The demo rows the matrix paths need, found as their managers would find them, and the few rows
 * the matrix makes for itself (import batches, an evidence file) so that no action of the matrix
 * changes a row another test reads.
 */
type Contexts = (caller: Caller) => APIRequestContext;

/** The first id in a page's links matching `pattern`. */
async function firstId(ctx: APIRequestContext, path: string, pattern: RegExp): Promise<number> {
	const html = await (await ctx.get(path)).text();
	const match = pattern.exec(html);
	expect(match, `a link like ${pattern} on ${path}`).not.toBeNull();
	return Number(match![1]);
}

/** The first link to a row of a list page, e.g. /schools/2/staff/123 -> 123. */
const firstRow = (ctx: APIRequestContext, list: string) =>
	firstId(ctx, list, new RegExp(`href="${list}/(\\d+)"`));

/** An uploaded (not confirmed) batch; its preview URL is where the upload redirects. */
async function uploadBatch(ctx: APIRequestContext, path: string, csv: string, kind?: string) {
	const res = await ctx.post(`${path}?/upload`, {
		multipart: {
			...(kind ? { kind } : {}),
			file: { name: 'matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') }
		},
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `upload to ${path}`).toBe(303);
	return res.headers().location.split('/').pop()!;
}

async function rosterIds(as: Contexts, quangTrung: number): Promise<MatrixIds['roster']> {
	const base = `/schools/${quangTrung}`;
	const admin = as('admin_qt');
	const dept = as('department');
	const schools = 'Mã trường,Tên trường,Cấp học,Khu vực\n';
	return {
		staff: await firstRow(admin, `${base}/staff`),
		cls: await firstRow(admin, `${base}/classes`),
		homeroomCls: await firstId(as('teacher_qt'), '/teacher', /\/classes\/(\d+)\/accounts"/),
		student: await firstRow(admin, `${base}/students`),
		guardian: await firstRow(admin, `${base}/guardians`),
		batch: await uploadBatch(admin, `${base}/imports`, 'Khối,Tên lớp\n9,9Q\n', 'classes'),
		badBatch: await uploadBatch(admin, `${base}/imports`, 'Khối,Tên lớp\n99,\n', 'classes'),
		deptBatch: await uploadBatch(
			dept,
			'/department/imports',
			`${schools}MX-1,Trường TH Thử,TH,YB\n`
		),
		deptBadBatch: await uploadBatch(dept, '/department/imports', `${schools}MX-2,,XX,ZZ\n`)
	};
}

/** Every id in a page's links matching `pattern` (global), in page order. */
async function allIds(ctx: APIRequestContext, path: string, pattern: RegExp): Promise<number[]> {
	const html = await (await ctx.get(path)).text();
	return [...html.matchAll(pattern)].map((m) => Number(m[1]));
}

/**
 * Uploads a small PDF as the school's admin to the first item of a checklist still open for
 * editing (a submitted one refuses uploads); the item page then links to the file.
 */
async function uploadEvidence(admin: APIRequestContext, school: number) {
	for (const checklist of new Set(
		await allIds(admin, `/schools/${school}/checklist`, /\/checklist\/(\d+)"/g)
	)) {
		const item = `/schools/${school}/checklist/${checklist}/items/${await firstId(
			admin,
			`/schools/${school}/checklist/${checklist}`,
			/\/items\/(\d+)"/
		)}`;
		const res = await admin.post(`${item}?/upload`, {
			multipart: {
				label: 'matrix',
				file: {
					name: 'matrix.pdf',
					mimeType: 'application/pdf',
					buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
				}
			},
			headers: { accept: 'text/html' },
			maxRedirects: 0
		});
		// a stored upload redirects back to the item (Post/Redirect/Get); a refused one answers 4xx
		if (res.status() !== 303) continue;
		const files = await allIds(admin, item, /\/evidence\/(\d+)"/g);
		expect(files.length, `an evidence link on ${item}`).toBeGreaterThan(0);
		return Math.max(...files);
	}
	throw new Error(`no checklist of school ${school} takes an upload`);
}

/**
 * A draft revision of a published template, made by the department for the matrix: only drafts
 * link their criteria, and the matrix's own draft is a row no other test reads.
 */
async function draftRevision(dept: APIRequestContext, published: number): Promise<number> {
	const version = await firstId(
		dept,
		`/department/templates/${published}`,
		/name="version" value="(\d+)"/
	);
	const res = await dept.post(`/department/templates/${published}?/revision`, {
		form: { version: String(version) },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), 'a new template revision').toBe(303);
	return Number(res.headers().location.split('/').pop());
}

async function rolloutIds(
	as: Contexts,
	ids: { quangTrung: number; dongCuong: number }
): Promise<RolloutIds> {
	const dept = as('department');
	const qt = ids.quangTrung;
	const dc = ids.dongCuong;
	const qtChecklist = await firstId(dept, `/schools/${qt}/checklist`, /\/checklist\/(\d+)"/);
	const dcChecklist = await firstId(dept, `/schools/${dc}/checklist`, /\/checklist\/(\d+)"/);
	const dcItem = await firstId(dept, `/schools/${dc}/checklist/${dcChecklist}`, /\/items\/(\d+)"/);
	const published = await firstId(dept, '/department/templates', /\/department\/templates\/(\d+)"/);
	const template = await draftRevision(dept, published);
	return {
		dongCuong: dc,
		qtChecklist,
		qtItem: await firstId(dept, `/schools/${qt}/checklist/${qtChecklist}`, /\/items\/(\d+)"/),
		dcChecklist,
		dcItem,
		dcEvidence: await uploadEvidence(as('admin_dc'), dc),
		template,
		criterion: await firstId(dept, `/department/templates/${template}`, /\/criteria\/(\d+)"/),
		wave: await firstId(dept, '/department/waves', /\/department\/waves\/(\d+)"/),
		platform: await firstId(dept, '/department/platforms', /\/department\/platforms\/(\d+)"/)
	};
}

/** The seeded official notices' links (tests may send more: find these by their titles). */
const SEEDED_PROVINCE_NOTICE = /\/department\/notices\/(\d+)"[^>]*>\s*<strong>Công văn số 1250/;
const SEEDED_AREA_NOTICE = /\/department\/notices\/(\d+)"[^>]*>\s*<strong>Lịch họp giao ban/;

/** Looks up (and makes) every row the matrix paths need. */
export async function matrixIds(as: Contexts): Promise<MatrixIds> {
	const dept = as('department');
	const find = async (q: string, areaName?: string) => {
		const body = await (await dept.get(`/api/v1/schools?q=${encodeURIComponent(q)}`)).json();
		const school = body.schools.find(
			(s: { area: { name: string } }) => !areaName || s.area.name === areaName
		);
		return school.id as number;
	};
	const quangTrung = await find('THCS Quang Trung');
	const dongCuong = await find('Đông Cuông', 'Văn Yên');
	const grades = await gradesIds(as, quangTrung);
	return {
		quangTrung,
		nguyenTatThanh: await find('Chuyên Nguyễn Tất Thành'),
		vanYenSchool: await find('Mậu A', 'Văn Yên'),
		roster: await rosterIds(as, quangTrung),
		rollout: await rolloutIds(as, { quangTrung, dongCuong }),
		primary: await primaryIds(as('admin_dc'), dongCuong),
		usageEntry: await firstId(
			as('teacher_qt'),
			'/teacher/usage/history',
			/\/teacher\/usage\/(\d+)"/
		),
		grades,
		gradesApi: await gradesApiIds(as, grades),
		timetable: await timetableIds(as('admin_qt'), as('parent_qt'), quangTrung),
		officialNotices: {
			province: await firstId(dept, '/department/notices', SEEDED_PROVINCE_NOTICE),
			area: await firstId(as('area_vanyen'), '/department/notices', SEEDED_AREA_NOTICE),
			...(await officialFileIds(as('area_vanyen')))
		},
		messages: await messagesIds(
			as('parent_qt'),
			as('teacher_qt'),
			as('teacher_ntt'),
			as('admin_qt'),
			quangTrung
		)
	};
}
