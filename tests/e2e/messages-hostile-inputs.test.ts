import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD } from './helpers';

/**
 * Hostile inputs against every form of the messages module (issue 13): NUL and control
 * characters, 100k-character strings, huge numbers, in every field. Each answer is a 4xx (400 for
 * a form that does not validate), never a 5xx, and nothing is stored.
 */
test.describe.configure({ timeout: 180_000 });

const VALUES = [
	'a'.repeat(100_000),
	'\u0000',
	'An\u0000Bình',
	'\u0001\u001b[31m\u007f',
	'1e309',
	'9223372036854775808',
	'99999999999',
	'-1',
	"' or 1=1 --"
];

async function signedIn(baseURL: string, email: string) {
	const ctx = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const res = await ctx.post('/login', {
		form: { login: email, password: PASSWORD },
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	return ctx;
}

const firstLink = async (ctx: APIRequestContext, path: string, pattern: RegExp) => {
	const match = pattern.exec(await (await ctx.get(path)).text());
	expect(match, `${pattern} on ${path}`).not.toBeNull();
	return match![1];
};

async function probe(
	ctx: APIRequestContext,
	path: string,
	fields: string[],
	values = VALUES,
	fixed: Record<string, string> = {}
) {
	const outcomes: string[] = [];
	for (const value of values) {
		const form = { ...Object.fromEntries(fields.map((f) => [f, value])), ...fixed };
		const res = await ctx.post(path, { form, maxRedirects: 0 });
		if (res.status() < 400 || res.status() >= 500)
			outcomes.push(`${path} ${JSON.stringify(value.slice(0, 12))}: ${res.status()}`);
	}
	return outcomes;
}

test('every messages form answers hostile inputs with a 4xx', async ({ baseURL }) => {
	const parent = await signedIn(baseURL!, 'quangtrung.ph@demo.example');
	const teacher = await signedIn(baseURL!, 'quangtrung.gv@demo.example');
	const admin = await signedIn(baseURL!, 'quangtrung.admin@demo.example');
	const conversation = await firstLink(
		parent,
		'/parent/messages',
		/href="(\/parent\/messages\/\d+)"/
	);
	const notice = await firstLink(parent, '/parent/notices', /href="(\/parent\/notices\/\d+)"/);
	const school = await firstLink(admin, '/', /href="(\/schools\/\d+)\/notices"/);
	const report = await firstLink(
		admin,
		`${school}/notices`,
		new RegExp(`href="(${school}/notices/\\d+)"`)
	);
	const before = await (await parent.get(conversation)).text();

	const outcomes = [
		...(await probe(parent, '/parent/messages/new', ['to', 'title', 'body'])),
		// A reply is free text: "1e309" is a fine message; only the refused texts are sent.
		...(await probe(parent, conversation, ['body'], VALUES.slice(0, 4))),
		...(await probe(parent, '/parent/leave/new', ['student', 'from', 'to', 'sessions', 'reason'])),
		...(await probe(parent, `${notice}?/confirm`, ['notice'])),
		...(await probe(teacher, '/teacher/messages/new', ['student', 'title', 'body'])),
		...(await probe(teacher, '/teacher/leave?/answer', ['leave', 'version', 'decision', 'note'])),
		...(await probe(admin, `${school}/notices/new`, [
			'title',
			'body',
			'target',
			'grades',
			'classes',
			'students',
			'requiresConfirmation',
			'confirmBy'
		])),
		...(await probe(admin, `${report}?/remind`, ['notice'])),
		...(await probe(admin, `${school}/messages/figures?/add`, ['day', 'name'])),
		...(await probe(admin, `${school}/messages/figures?/remove`, ['day'])),
		...(await probe(parent, '/account/notifications', ['emailKinds', 'quietStart', 'quietEnd'])),
		...(await probe(parent, '/account/notifications', ['quietStart', 'quietEnd'], VALUES, {
			form: 'notifications'
		}))
	];
	expect(outcomes).toEqual([]);
	// Nothing was added to the conversation.
	const count = (html: string) => (html.match(/data-message="/g) ?? []).length;
	expect(count(await (await parent.get(conversation)).text())).toBe(count(before));
	for (const ctx of [parent, teacher, admin]) await ctx.dispose();
});

test('hostile files on a message: 4xx, never 5xx, and nothing sent', async ({ baseURL }) => {
	const parent = await signedIn(baseURL!, 'quangtrung.ph@demo.example');
	const conversation = await firstLink(
		parent,
		'/parent/messages',
		/href="(\/parent\/messages\/\d+)"/
	);
	const before = (await (await parent.get(conversation)).text()).match(/data-message="/g)!.length;
	const pdf = Buffer.from('%PDF-1.4\n%');
	const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/pdf', buffer });
	const cases: Array<[string, Record<string, unknown>]> = [
		['NUL name', { body: 'x', files: file('a\u0000.pdf', Buffer.from('\u0000\u0000')) }],
		['100k name', { body: 'x', files: file(`${'a'.repeat(100_000)}.exe`, pdf) }],
		['HTML as PDF', { body: 'x', files: file('x.pdf', Buffer.from('<script>alert(1)</script>')) }],
		['SVG', { body: 'x', files: file('x.svg', Buffer.from('<svg onload="alert(1)"/>')) }],
		['empty PDF', { body: 'x', files: file('x.pdf', Buffer.alloc(0)) }],
		['file, no text', { body: '', files: file('x.pdf', pdf) }],
		['file, NUL text', { body: '\u0000', files: file('x.pdf', pdf) }]
	];
	const outcomes: string[] = [];
	for (const [name, multipart] of cases) {
		const res = await parent.post(conversation, {
			multipart: multipart as never,
			maxRedirects: 0
		});
		if (res.status() < 400 || res.status() >= 500) outcomes.push(`${name}: ${res.status()}`);
	}
	// six files at once (five at most): 400
	const six = new FormData();
	six.append('body', 'x');
	for (let i = 0; i < 6; i++)
		six.append('files', new File([pdf], `f${i}.pdf`, { type: 'application/pdf' }));
	const many = await parent.post(conversation, { multipart: six, maxRedirects: 0 });
	if (many.status() !== 400) outcomes.push(`six files: ${many.status()}`);
	expect(outcomes).toEqual([]);
	const after = (await (await parent.get(conversation)).text()).match(/data-message="/g)!.length;
	expect(after).toBe(before);
	await parent.dispose();
});
