import { ALL, OFFICIALS, type Caller, type MatrixIds, type MatrixRow } from './types';

/** Rollout routes: dashboard, export, reviews, configuration, school pages, actions, API. */
const QT: Caller[] = ['department', 'admin_qt', 'teacher_qt'];
const DC: Caller[] = ['department', 'area_vanyen', 'admin_dc'];
const DEPT: Caller[] = ['department'];

const page = (name: string, path: MatrixRow['path'], allow: Caller[]): MatrixRow => ({
	name,
	path,
	allow,
	status: 200
});
/** An action posted with an empty form: the allowed callers get 400, nothing changes. */
const post = (name: string, path: MatrixRow['path'], allow: Caller[]): MatrixRow => ({
	name,
	method: 'POST',
	path,
	allow,
	status: 400
});

const platform = (i: MatrixIds) => `/department/platforms/${i.rollout.platform}`;
const template = (i: MatrixIds) => `/department/templates/${i.rollout.template}`;
const wave = (i: MatrixIds) => `/department/waves/${i.rollout.wave}`;
const dcChecklist = (i: MatrixIds) =>
	`/schools/${i.rollout.dongCuong}/checklist/${i.rollout.dcChecklist}`;
const dcItem = (i: MatrixIds) => `${dcChecklist(i)}/items/${i.rollout.dcItem}`;

export const rolloutRows: MatrixRow[] = [
	page('rollout reviews', () => '/department/reviews', OFFICIALS),
	page('rollout export CSV', () => '/department/export?format=csv', OFFICIALS),
	page('rollout export XLSX', () => '/department/export?format=xlsx', OFFICIALS),
	page('platform catalogue', () => '/department/platforms', DEPT),
	page('catalogue entry', platform, DEPT),
	page('checklist templates', () => '/department/templates', DEPT),
	page('a template', template, DEPT),
	page('a template criterion', (i) => `${template(i)}/criteria/${i.rollout.criterion}`, DEPT),
	page('rollout waves', () => '/department/waves', DEPT),
	page('a wave', wave, DEPT),
	page('QT rollout', (i) => `/schools/${i.quangTrung}/rollout`, QT),
	page('QT report', (i) => `/schools/${i.quangTrung}/rollout/report`, QT),
	page(
		'QT platform row',
		(i) => `/schools/${i.quangTrung}/rollout/platforms/${i.rollout.platform}`,
		QT
	),
	page('QT checklists', (i) => `/schools/${i.quangTrung}/checklist`, QT),
	page('QT checklist', (i) => `/schools/${i.quangTrung}/checklist/${i.rollout.qtChecklist}`, QT),
	page(
		'QT checklist item',
		(i) => `/schools/${i.quangTrung}/checklist/${i.rollout.qtChecklist}/items/${i.rollout.qtItem}`,
		QT
	),
	page('Đông Cuông rollout', (i) => `/schools/${i.rollout.dongCuong}/rollout`, DC),
	page('Đông Cuông checklist item', dcItem, DC),
	page(
		'Đông Cuông evidence file',
		(i) => `/schools/${i.rollout.dongCuong}/evidence/${i.rollout.dcEvidence}`,
		DC
	),
	// The same evidence id under another school's URL is nobody's.
	page(
		'Đông Cuông evidence under Quang Trung’s URL',
		(i) => `/schools/${i.quangTrung}/evidence/${i.rollout.dcEvidence}`,
		[]
	),
	{
		name: 'API rollout schools',
		api: true,
		path: () => '/api/v1/rollout/schools',
		allow: ALL,
		status: 200
	},
	{
		name: 'API rollout summary',
		api: true,
		path: () => '/api/v1/rollout/summary',
		allow: ALL,
		status: 200
	},

	post(
		'save a platform row',
		(i) => `/schools/${i.rollout.dongCuong}/rollout/platforms/${i.rollout.platform}?/save`,
		['admin_dc']
	),
	post('plan a school', (i) => `/schools/${i.rollout.dongCuong}/rollout?/plan`, DEPT),
	post('save a checklist item', (i) => `${dcItem(i)}?/save`, ['admin_dc']),
	post('upload evidence', (i) => `${dcItem(i)}?/upload`, ['admin_dc']),
	post('link evidence', (i) => `${dcItem(i)}?/link`, ['admin_dc']),
	post('remove evidence', (i) => `${dcItem(i)}?/remove`, ['admin_dc']),
	post('review a checklist item', (i) => `${dcItem(i)}?/review`, OFFICIALS),
	post('checklist workflow step', (i) => `${dcChecklist(i)}?/workflow`, DC),
	post('add a platform', () => '/department/platforms?/create', DEPT),
	post('save a catalogue entry', (i) => `${platform(i)}?/save`, DEPT),
	post('retire a catalogue entry', (i) => `${platform(i)}?/retire`, DEPT),
	post('create a template', () => '/department/templates?/create', DEPT),
	post('add a criterion', (i) => `${template(i)}?/addCriterion`, DEPT),
	post('delete a criterion', (i) => `${template(i)}?/deleteCriterion`, DEPT),
	post('publish or retire a template', (i) => `${template(i)}?/status`, DEPT),
	post('new template revision', (i) => `${template(i)}?/revision`, DEPT),
	post('mark a template verified', (i) => `${template(i)}?/verify`, DEPT),
	post('apply a template', (i) => `${template(i)}?/apply`, DEPT),
	post('save a criterion', (i) => `${template(i)}/criteria/${i.rollout.criterion}?/save`, DEPT),
	post('create a wave', () => '/department/waves?/create', DEPT),
	post('save a wave', (i) => `${wave(i)}?/save`, DEPT),
	post('assign schools to a wave', (i) => `${wave(i)}?/assign`, DEPT)
];
