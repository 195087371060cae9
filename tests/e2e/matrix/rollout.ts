import type { APIRequestContext } from '@playwright/test';
import { ALL, OFFICIALS, type Caller, type MatrixRow, type RolloutIds } from './types';

/** Rollout routes: dashboard, export, reviews, configuration, school pages, actions, API. */
const QT: Caller[] = ['department', 'admin_qt', 'teacher_qt'];
const DC: Caller[] = ['department', 'area_vanyen', 'admin_dc'];
const DEPT: Caller[] = ['department'];

/** The first id in a page's links matching `pattern` (ids of demo rows the paths need). */
async function firstId(ctx: APIRequestContext, path: string, pattern: RegExp): Promise<number> {
	const html = await (await ctx.get(path)).text();
	const match = pattern.exec(html);
	if (!match) throw new Error(`no link like ${pattern} on ${path}`);
	return Number(match[1]);
}

export async function rolloutIds(
	dept: APIRequestContext,
	ids: { quangTrung: number; dongCuong: number }
): Promise<RolloutIds> {
	const qt = ids.quangTrung;
	const dc = ids.dongCuong;
	const qtChecklist = await firstId(dept, `/schools/${qt}/checklist`, /\/checklist\/(\d+)"/);
	const dcChecklist = await firstId(dept, `/schools/${dc}/checklist`, /\/checklist\/(\d+)"/);
	const template = await firstId(dept, '/department/templates', /\/department\/templates\/(\d+)"/);
	return {
		dongCuong: dc,
		qtChecklist,
		qtItem: await firstId(dept, `/schools/${qt}/checklist/${qtChecklist}`, /\/items\/(\d+)"/),
		dcChecklist,
		dcItem: await firstId(dept, `/schools/${dc}/checklist/${dcChecklist}`, /\/items\/(\d+)"/),
		template,
		wave: await firstId(dept, '/department/waves', /\/department\/waves\/(\d+)"/),
		platform: await firstId(dept, '/department/platforms', /\/department\/platforms\/(\d+)"/)
	};
}

export const rolloutRows: MatrixRow[] = [
	{ name: 'rollout reviews', path: () => '/department/reviews', allow: OFFICIALS },
	{ name: 'rollout export CSV', path: () => '/department/export?format=csv', allow: OFFICIALS },
	{ name: 'rollout export XLSX', path: () => '/department/export?format=xlsx', allow: OFFICIALS },
	{ name: 'platform catalogue', path: () => '/department/platforms', allow: DEPT },
	{
		name: 'catalogue entry',
		path: (i) => `/department/platforms/${i.rollout.platform}`,
		allow: DEPT
	},
	{ name: 'checklist templates', path: () => '/department/templates', allow: DEPT },
	{ name: 'a template', path: (i) => `/department/templates/${i.rollout.template}`, allow: DEPT },
	{ name: 'rollout waves', path: () => '/department/waves', allow: DEPT },
	{ name: 'a wave', path: (i) => `/department/waves/${i.rollout.wave}`, allow: DEPT },
	{ name: 'QT rollout', path: (i) => `/schools/${i.quangTrung}/rollout`, allow: QT },
	{ name: 'QT report', path: (i) => `/schools/${i.quangTrung}/rollout/report`, allow: QT },
	{
		name: 'QT platform row',
		path: (i) => `/schools/${i.quangTrung}/rollout/platforms/${i.rollout.platform}`,
		allow: QT
	},
	{ name: 'QT checklists', path: (i) => `/schools/${i.quangTrung}/checklist`, allow: QT },
	{
		name: 'QT checklist',
		path: (i) => `/schools/${i.quangTrung}/checklist/${i.rollout.qtChecklist}`,
		allow: QT
	},
	{
		name: 'QT checklist item',
		path: (i) =>
			`/schools/${i.quangTrung}/checklist/${i.rollout.qtChecklist}/items/${i.rollout.qtItem}`,
		allow: QT
	},
	{ name: 'Đông Cuông rollout', path: (i) => `/schools/${i.rollout.dongCuong}/rollout`, allow: DC },
	{
		name: 'Đông Cuông checklist item',
		path: (i) =>
			`/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}/items/${i.rollout.dcItem}`,
		allow: DC
	},
	{ name: 'API rollout schools', api: true, path: () => '/api/v1/rollout/schools', allow: ALL },
	{ name: 'API rollout summary', api: true, path: () => '/api/v1/rollout/summary', allow: ALL },
	// Actions: an empty form reaches the allowed callers (400/409), everyone else gets 404.
	{
		name: 'save a platform row',
		method: 'POST',
		path: (i) => `/schools/${i.rollout.dongCuong}/rollout/platforms/${i.rollout.platform}?/save`,
		allow: ['admin_dc']
	},
	{
		name: 'plan a school',
		method: 'POST',
		path: (i) => `/schools/${i.rollout.dongCuong}/rollout?/plan`,
		allow: DEPT
	},
	{
		name: 'save a checklist item',
		method: 'POST',
		path: (i) =>
			`/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}/items/${i.rollout.dcItem}?/save`,
		allow: ['admin_dc']
	},
	{
		name: 'upload evidence',
		method: 'POST',
		path: (i) =>
			`/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}/items/${i.rollout.dcItem}?/upload`,
		allow: ['admin_dc']
	},
	{
		name: 'review a checklist item',
		method: 'POST',
		path: (i) =>
			`/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}/items/${i.rollout.dcItem}?/review`,
		allow: ['department', 'area_vanyen']
	},
	{
		name: 'checklist workflow step',
		method: 'POST',
		path: (i) => `/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}?/workflow`,
		allow: DC
	},
	{
		name: 'add a platform',
		method: 'POST',
		path: () => '/department/platforms?/create',
		allow: DEPT
	},
	{
		name: 'create a template',
		method: 'POST',
		path: () => '/department/templates?/create',
		allow: DEPT
	},
	{
		name: 'apply a template',
		method: 'POST',
		path: (i) => `/department/templates/${i.rollout.template}?/apply`,
		allow: DEPT
	},
	{ name: 'create a wave', method: 'POST', path: () => '/department/waves?/create', allow: DEPT },
	{
		name: 'assign schools to a wave',
		method: 'POST',
		path: (i) => `/department/waves/${i.rollout.wave}?/assign`,
		allow: DEPT
	}
];
