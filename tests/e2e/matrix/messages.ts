import type { APIRequestContext } from '@playwright/test';
import { ALL, TEACHERS, type MatrixRow, type MessagesIds } from './types';

/**
 * Messages module (issue 13): the inboxes of parents, teachers and the school office, and the
 * demo conversations (matrix/ids.ts finds them): the demo parent with the 8A homeroom teacher
 * (`family`) and with the Quang Trung office (`office`); the same teacher with another family
 * (`otherFamily`); a Nguyễn Tất Thành teacher with a family there (`otherSchool`). Only the
 * participants (and, for the office, the school's admins) read one: every other caller gets 404,
 * including the school admin in the teacher's or the office's view of a conversation not theirs.
 * POST rows send an empty body: nothing is stored (400).
 */
const PARENT = ['parent_qt'] as const;
const empty = { body: '' };

const conversation = (
	name: string,
	path: (ids: { messages: MessagesIds; quangTrung: number; nguyenTatThanh: number }) => string,
	allow: MatrixRow['allow']
): MatrixRow[] => [
	{ name, path, allow, status: 200 },
	{ name: `answer in ${name}`, method: 'POST', path, form: empty, allow, status: 400 }
];

export const messagesRows: MatrixRow[] = [
	{ name: 'parent inbox', path: () => '/parent/messages', allow: [...PARENT], status: 200 },
	{
		name: 'parent new message',
		path: () => '/parent/messages/new',
		allow: [...PARENT],
		status: 200
	},
	{
		name: 'parent sends an empty new message',
		method: 'POST',
		path: () => '/parent/messages/new',
		form: { to: '', title: '', body: '' },
		allow: [...PARENT],
		status: 400
	},
	{ name: 'teacher inbox', path: () => '/teacher/messages', allow: TEACHERS, status: 200 },
	{
		name: 'teacher new message',
		path: () => '/teacher/messages/new',
		allow: TEACHERS,
		status: 200
	},
	{
		name: 'teacher sends an empty new message',
		method: 'POST',
		path: () => '/teacher/messages/new',
		form: { student: '', title: '', body: '' },
		allow: TEACHERS,
		status: 400
	},
	{
		name: 'Quang Trung office inbox',
		path: (ids) => `/schools/${ids.quangTrung}/messages`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'Nguyễn Tất Thành office inbox',
		path: (ids) => `/schools/${ids.nguyenTatThanh}/messages`,
		allow: ['admin_ntt'],
		status: 200
	},
	{
		name: 'Quang Trung notices',
		path: (ids) => `/schools/${ids.quangTrung}/notices`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'Quang Trung new notice',
		path: (ids) => `/schools/${ids.quangTrung}/notices/new`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'send an empty Quang Trung notice',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/notices/new`,
		form: { title: '', body: '', target: '' },
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'a Quang Trung notice’s report',
		path: (ids) => `/schools/${ids.quangTrung}/notices/${ids.messages.familyNotice}`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'remind without naming the notice',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/notices/${ids.messages.familyNotice}?/remind`,
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'a Quang Trung notice under another school',
		path: (ids) => `/schools/${ids.nguyenTatThanh}/notices/${ids.messages.familyNotice}`,
		allow: [],
		status: 200
	},
	{ name: 'parent notices', path: () => '/parent/notices', allow: [...PARENT], status: 200 },
	{
		name: 'a notice to the families, family view',
		path: (ids) => `/parent/notices/${ids.messages.familyNotice}`,
		allow: [...PARENT],
		status: 200
	},
	{
		name: 'confirm without naming the notice',
		method: 'POST',
		path: (ids) => `/parent/notices/${ids.messages.familyNotice}?/confirm`,
		allow: [...PARENT],
		status: 400
	},
	{
		name: 'a notice to the families, staff view',
		path: (ids) => `/teacher/notices/${ids.messages.familyNotice}`,
		allow: [],
		status: 200
	},
	{ name: 'staff notices', path: () => '/teacher/notices', allow: TEACHERS, status: 200 },
	{
		name: 'a notice to the Quang Trung staff',
		path: (ids) => `/teacher/notices/${ids.messages.staffNotice}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'confirm a staff notice without naming it',
		method: 'POST',
		path: (ids) => `/teacher/notices/${ids.messages.staffNotice}?/confirm`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 400
	},
	{
		name: 'a notice to the Quang Trung staff, family view',
		path: (ids) => `/parent/notices/${ids.messages.staffNotice}`,
		allow: [],
		status: 200
	},
	{
		name: 'a file of the demo family’s conversation with the homeroom teacher',
		path: (ids) => `/attachments/${ids.messages.attachment}`,
		allow: ['parent_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'own notification settings',
		path: () => '/account/notifications',
		allow: ALL,
		status: 200
	},
	{
		name: 'save notification settings with an empty form',
		method: 'POST',
		path: () => '/account/notifications',
		form: {},
		allow: ALL,
		status: 400
	},
	{
		// Web Push subscriptions (JSON only): a form body is refused before anything is stored
		name: 'push subscription with a form body',
		method: 'POST',
		path: () => '/account/notifications/push',
		form: {},
		allow: ALL,
		status: 400
	},
	{
		name: 'Quang Trung message retention',
		path: (ids) => `/schools/${ids.quangTrung}/messages/retention`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'save Quang Trung message retention with an empty form',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/messages/retention`,
		form: { days: '', version: '' },
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'Quang Trung response figures',
		path: (ids) => `/schools/${ids.quangTrung}/messages/figures`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'add a Quang Trung day off with an empty form',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/messages/figures?/add`,
		form: { day: '', name: '' },
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'remove a Quang Trung day off with an empty form',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/messages/figures?/remove`,
		form: { day: '' },
		allow: ['admin_qt'],
		status: 400
	},
	{ name: 'parent leave requests', path: () => '/parent/leave', allow: [...PARENT], status: 200 },
	{
		name: 'parent new leave request',
		path: () => '/parent/leave/new',
		allow: [...PARENT],
		status: 200
	},
	{
		name: 'send an empty leave request',
		method: 'POST',
		path: () => '/parent/leave/new',
		form: { student: '', from: '', to: '', reason: '' },
		allow: [...PARENT],
		status: 400
	},
	{
		name: 'the demo family’s leave request',
		path: (ids) => `/parent/leave/${ids.messages.leave}`,
		allow: [...PARENT],
		status: 200
	},
	{ name: 'homeroom leave requests', path: () => '/teacher/leave', allow: TEACHERS, status: 200 },
	{
		name: 'answer a leave request with an empty form',
		method: 'POST',
		path: () => '/teacher/leave?/answer',
		allow: TEACHERS,
		status: 400
	},
	...conversation(
		'the demo family’s conversation, family view',
		(ids) => `/parent/messages/${ids.messages.family}`,
		['parent_qt']
	),
	...conversation(
		'the demo family’s conversation, teacher view',
		(ids) => `/teacher/messages/${ids.messages.family}`,
		['teacher_qt']
	),
	...conversation(
		'the demo family’s conversation, office view (not an office one)',
		(ids) => `/schools/${ids.quangTrung}/messages/${ids.messages.family}`,
		[]
	),
	...conversation(
		'an office conversation, family view',
		(ids) => `/parent/messages/${ids.messages.office}`,
		['parent_qt']
	),
	...conversation(
		'an office conversation, office view',
		(ids) => `/schools/${ids.quangTrung}/messages/${ids.messages.office}`,
		['admin_qt']
	),
	...conversation(
		'an office conversation, teacher view',
		(ids) => `/teacher/messages/${ids.messages.office}`,
		[]
	),
	...conversation(
		'an office conversation under another school',
		(ids) => `/schools/${ids.nguyenTatThanh}/messages/${ids.messages.office}`,
		[]
	),
	...conversation(
		'another family’s conversation, family view',
		(ids) => `/parent/messages/${ids.messages.otherFamily}`,
		[]
	),
	...conversation(
		'another family’s conversation, teacher view',
		(ids) => `/teacher/messages/${ids.messages.otherFamily}`,
		['teacher_qt']
	),
	...conversation(
		'another school’s conversation, teacher view',
		(ids) => `/teacher/messages/${ids.messages.otherSchool}`,
		['teacher_ntt']
	),
	...conversation(
		'another school’s conversation, family view',
		(ids) => `/parent/messages/${ids.messages.otherSchool}`,
		[]
	),
	{
		name: 'teacher office hours',
		path: () => '/teacher/office-hours',
		allow: TEACHERS,
		status: 200
	},
	{
		name: 'teacher saves empty office hours (no staff id)',
		method: 'POST',
		path: () => '/teacher/office-hours',
		form: { d1_1_start: '' },
		allow: TEACHERS,
		status: 400
	}
];

/** The id of the first inbox entry of `kind` (other than `skip`) on an inbox page. */
async function inboxId(ctx: APIRequestContext, path: string, kind: string, skip = 0) {
	const html = await (await ctx.get(path)).text();
	for (const m of html.matchAll(/data-conversation="(\d+)" data-kind="([a-z]+)"/g))
		if (m[2] === kind && Number(m[1]) !== skip) return Number(m[1]);
	throw new Error(`no ${kind} conversation on ${path}`);
}

/** The first notice sent to `target` on the school's notices page. */
async function noticeId(admin: APIRequestContext, school: number, target: string) {
	const html = await (await admin.get(`/schools/${school}/notices`)).text();
	const match = new RegExp(`data-notice="(\\d+)" data-target="${target}"`).exec(html);
	if (!match) throw new Error(`no notice to ${target} at school ${school}`);
	return Number(match[1]);
}

/**
 * A PDF sent by the demo parent with a new conversation to the 8A homeroom teacher (made by the
 * matrix, so no demo conversation changes): its download id.
 */
async function sendAttachment(parent: APIRequestContext) {
	const form = await (await parent.get('/parent/messages/new')).text();
	const to = /value="(\d+:homeroom)"/.exec(form);
	if (!to) throw new Error('the demo parent has no homeroom to write to');
	const res = await parent.post('/parent/messages/new', {
		multipart: {
			to: to[1],
			title: 'Ma trận: tệp đính kèm',
			body: 'Tệp cho bảng phân quyền.',
			files: { name: 'matran.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%') }
		},
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	if (res.status() !== 303) throw new Error(`sending an attachment answered ${res.status()}`);
	const page = await (await parent.get(res.headers().location)).text();
	const id = /data-attachment="(\d+)"/.exec(page);
	if (!id) throw new Error('the sent conversation shows no attachment');
	return Number(id[1]);
}

/** The demo conversations and notices, as their participants find them in their inboxes. */
export async function messagesIds(
	parent: APIRequestContext,
	teacher: APIRequestContext,
	teacherNtt: APIRequestContext,
	admin: APIRequestContext,
	quangTrung: number
): Promise<MessagesIds> {
	const family = await inboxId(parent, '/parent/messages', 'homeroom');
	const leave = /data-leave="(\d+)"/.exec(await (await parent.get('/parent/leave')).text());
	if (!leave) throw new Error('the demo parent has no leave request');
	return {
		leave: Number(leave[1]),
		familyNotice: await noticeId(admin, quangTrung, 'school'),
		staffNotice: await noticeId(admin, quangTrung, 'staff'),
		family,
		office: await inboxId(parent, '/parent/messages', 'office'),
		otherFamily: await inboxId(teacher, '/teacher/messages', 'homeroom', family),
		otherSchool: await inboxId(teacherNtt, '/teacher/messages', 'homeroom'),
		attachment: await sendAttachment(parent)
	};
}
