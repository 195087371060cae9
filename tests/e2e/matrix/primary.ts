import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Caller, MatrixIds, MatrixRow } from './types';

/**
 * Primary assessment (Circular 27): the primary teacher's class list, grid and qualities of a class
 * of TH&THCS Đông Cuông, and a primary pupil's grades page. The matrix's callers hold no primary
 * class: the Quang Trung and Nguyễn Tất Thành teachers get 404 (not their class; a secondary
 * homeroom class is no primary class either), the Đông Cuông admin holds no teacher role (the
 * /teacher gate), parents and officials are refused. The allowed primary teacher and parent
 * (dongcuong.gv, dongcuong.ph) are exercised by tests/e2e/primary-journey.test.ts and
 * tests/integration/primary-assessment.test.ts. POST rows send fields that are no cell. The subject
 * teacher's grid (/teacher/primary/subjects/…) is 404 for all of them: none teaches a primary
 * subject (the seeded specialist is dongcuong.gv, Tiếng Anh in 5A: primary-subject-teacher e2e).
 * The Đông Cuông admin reads a primary pupil's report card and PDF (school URL); parents get 404.
 */
const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];
const grid = (ids: MatrixIds) => `/teacher/primary/${ids.primary.cls}/mid1`;

export const primaryRows: MatrixRow[] = [
	{ name: 'my primary classes', path: () => '/teacher/primary', allow: TEACHERS, status: 200 },
	{ name: 'a Đông Cuông primary class grid', path: grid, allow: [], status: 200 },
	{
		name: 'a Đông Cuông primary class, one pupil',
		path: (ids) => `${grid(ids)}?pupil=${ids.primary.pupil}`,
		allow: [],
		status: 200
	},
	{
		name: 'save a Đông Cuông primary class grid',
		method: 'POST',
		path: grid,
		form: { nothing: '' },
		allow: [],
		status: 400
	},
	{
		name: 'Đông Cuông primary qualities',
		path: (ids) => `${grid(ids)}/qualities`,
		allow: [],
		status: 200
	},
	{
		name: 'save Đông Cuông primary qualities',
		method: 'POST',
		path: (ids) => `${grid(ids)}/qualities`,
		form: { nothing: '' },
		allow: [],
		status: 400
	},
	{
		name: 'a Đông Cuông primary class summary',
		path: (ids) => `${grid(ids)}/summary`,
		allow: [],
		status: 200
	},
	{
		name: 'Học sinh Tiêu biểu nominate on a Đông Cuông primary year summary, empty form',
		method: 'POST',
		path: (ids) => `/teacher/primary/${ids.primary.cls}/year/summary?/nominate`,
		form: {},
		allow: [],
		status: 400
	},
	{
		name: 'the Học sinh Tiêu biểu nominations of Quang Trung (its admin)',
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-awards`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'decide a Học sinh Tiêu biểu nomination at Quang Trung, empty form',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-awards?/decide`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: "the principal's promotion decisions of Quang Trung (its admin)",
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-decisions`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: "record a principal's promotion decision at Quang Trung, empty form",
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-decisions?/decide`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'a secondary homeroom class summary as a primary class',
		path: (ids) => `/teacher/primary/${ids.grades.rollClass}/year/summary`,
		allow: [],
		status: 200
	},
	{
		name: 'a secondary homeroom class as a primary class',
		path: (ids) => `/teacher/primary/${ids.grades.rollClass}/mid1`,
		allow: [],
		status: 200
	},
	{
		name: 'a checkpoint that is none',
		path: (ids) => `/teacher/primary/${ids.grades.rollClass}/gk9`,
		allow: [],
		status: 200
	},
	{
		name: 'the primary periodic-test table of Quang Trung',
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-tests`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'save the primary periodic-test table of Quang Trung (no rows)',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/grades/primary-tests`,
		form: { nothing: '' },
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'the primary periodic-test table of Đông Cuông',
		path: (ids) => `/schools/${ids.primary.school}/grades/primary-tests`,
		allow: ['admin_dc'],
		status: 200
	},
	{
		name: 'a Đông Cuông primary subject (subject teacher’s grid)',
		path: (ids) => `/teacher/primary/subjects/${ids.primary.cls}/1/mid1`,
		allow: [],
		status: 200
	},
	{
		name: 'save a Đông Cuông primary subject',
		method: 'POST',
		path: (ids) => `/teacher/primary/subjects/${ids.primary.cls}/1/mid1`,
		form: { nothing: '' },
		allow: [],
		status: 400
	},
	{
		name: 'a primary subject at a checkpoint that is none',
		path: (ids) => `/teacher/primary/subjects/${ids.primary.cls}/1/gk9`,
		allow: [],
		status: 200
	},
	{
		name: 'a Đông Cuông primary pupil’s report card (school URL)',
		path: (ids) =>
			`/schools/${ids.primary.school}/grades/report-cards/${ids.primary.cardPupil}/mid1`,
		allow: ['admin_dc'],
		status: 200
	},
	{
		name: 'a Đông Cuông primary pupil’s report card PDF (school URL)',
		path: (ids) =>
			`/schools/${ids.primary.school}/grades/report-cards/${ids.primary.cardPupil}/mid1/pdf`,
		allow: ['admin_dc'],
		status: 200
	},
	{
		name: 'a Đông Cuông primary pupil’s report card (another family)',
		path: (ids) => `/parent/children/${ids.primary.cardPupil}/grades/report-card/mid1`,
		allow: [],
		status: 200
	},
	{
		name: 'a Đông Cuông primary pupil’s report card PDF (another family)',
		path: (ids) => `/parent/children/${ids.primary.cardPupil}/grades/report-card/mid1/pdf`,
		allow: [],
		status: 200
	},
	{
		name: 'a Đông Cuông primary pupil’s grades (another family)',
		path: (ids) => `/parent/children/${ids.primary.pupil}/grades`,
		allow: [],
		status: 200
	}
];

/** The first primary class of Đông Cuông and its first pupil, as its admin lists them. */
export async function primaryIds(
	admin: APIRequestContext,
	dongCuong: number
): Promise<MatrixIds['primary']> {
	const first = async (path: string) => {
		const html = await (await admin.get(path)).text();
		const match = new RegExp(`href="${path}/(\\d+)"`).exec(html);
		expect(match, `a link on ${path}`).not.toBeNull();
		return Number(match![1]);
	};
	const cls = await first(`/schools/${dongCuong}/classes`);
	// a pupil of that class with a published mid-term I card (the seed publishes it to 1A and 4A)
	const cards = `/schools/${dongCuong}/grades/report-cards`;
	const html = await (await admin.get(`${cards}?class=${cls}`)).text();
	const card = new RegExp(`href="${cards}/(\\d+)/mid1"`).exec(html);
	expect(card, `a published card on ${cards}?class=${cls}`).not.toBeNull();
	return {
		cls,
		pupil: await first(`/schools/${dongCuong}/students`),
		school: dongCuong,
		cardPupil: Number(card![1])
	};
}
