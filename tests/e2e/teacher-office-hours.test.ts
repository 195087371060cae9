import { expect, request, test, type Page } from '@playwright/test';
import { addDays, formatDate } from '../../src/lib/dates';
import { vietnamClock } from '../../src/lib/messages/office-hours';
import { PASSWORD, expectAccessible, signIn } from './helpers';

/**
 * Issue 13, office hours: on a 360 px phone, in Vietnamese, without JavaScript, the homeroom
 * teacher sets office hours (a wrong range is refused beside its field); the parent who writes to
 * the teacher outside them sees when to expect an answer. Hostile posts get a 4xx, another
 * teacher's staff row a 404. The hours are cleared at the end (other tests use this teacher).
 */
const PHONE = { width: 360, height: 740 };
test.describe.configure({ timeout: 180_000 });
const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

async function fitsPhone(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
}

test('a teacher sets office hours and the parent sees when to expect an answer', async ({
	browser
}) => {
	// tomorrow in Vietnam, 07:00–08:00: now is outside office hours
	const today = vietnamClock(new Date());
	const weekday = (today.weekday % 7) + 1;
	const day = WEEKDAYS[weekday - 1];
	const tomorrow = formatDate(addDays(today.day, 1));

	const teacherCtx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const teacher = await teacherCtx.newPage();
	await signIn(teacher, 'quangtrung.gv@demo.example');
	await teacher.goto('/teacher');
	await teacher.getByText('Menu', { exact: true }).click(); // the phone's menu
	await teacher.getByRole('link', { name: 'Giờ làm việc' }).first().click();
	await expect(teacher.getByRole('heading', { name: 'Giờ làm việc', level: 1 })).toBeVisible();
	const form = teacher.locator('form[data-staff]').first();
	const group = form.getByRole('group', { name: day });

	// the end before the start: refused, the error beside the end
	await group.getByLabel('Từ (khoảng 1)').fill('08:00');
	await group.getByLabel('Đến (khoảng 1)').fill('07:00');
	await form.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
	const refused = teacher.locator('form[data-staff]').first().getByRole('group', { name: day });
	await expect(refused.getByText('Giờ kết thúc phải sau giờ bắt đầu.')).toBeVisible();
	await expect(refused.getByLabel('Đến (khoảng 1)')).toHaveAttribute('aria-invalid', 'true');
	await fitsPhone(teacher);

	await refused.getByLabel('Từ (khoảng 1)').fill('07:00');
	await refused.getByLabel('Đến (khoảng 1)').fill('08:00');
	await teacher.getByRole('button', { name: 'Lưu giờ làm việc' }).first().click();
	await expect(teacher.getByText('Đã lưu giờ làm việc.')).toBeVisible();
	await expect(teacher.getByTestId('current-hours').first()).toContainText(`${day}: 07:00–08:00`);
	await fitsPhone(teacher);

	// the parent writes to the homeroom teacher and is told when to expect an answer
	const parentCtx = await browser.newContext({ viewport: PHONE });
	const parent = await parentCtx.newPage();
	await signIn(parent, 'quangtrung.ph@demo.example');
	const card = parent.locator('article.card').filter({ hasText: '8A' });
	await card.getByRole('link', { name: 'Nhắn giáo viên chủ nhiệm' }).click();
	// already on the new-message page: the chosen teacher's hours and when to expect an answer
	const shown = parent.getByTestId('office-hours').filter({ visible: true });
	await expect(shown).toHaveCount(1);
	await expect(shown).toContainText('Giờ làm việc của');
	await expect(shown).toContainText(`${day}: 07:00–08:00`);
	await expect(shown.getByTestId('office-hours-next')).toContainText(
		`Thầy/cô sẽ trả lời trong giờ làm việc: từ 07:00 ${day}, ${tomorrow}.`
	);
	await fitsPhone(parent);
	// another recipient (the school office) has no office hours: the line goes
	const to = parent.getByLabel('Gửi đến');
	await to.selectOption((await to.inputValue()).replace(':homeroom', ':office'));
	await expect(shown).toHaveCount(0);
	await parent.goBack();
	await card.getByRole('link', { name: 'Nhắn giáo viên chủ nhiệm' }).click();
	const title = `Hỏi ngoài giờ ${Date.now()}`;
	await parent.getByLabel('Tiêu đề').fill(title);
	await parent.getByLabel('Nội dung').fill('Thưa cô, cháu xin hỏi bài tập.');
	await parent.getByRole('button', { name: 'Gửi' }).click();
	await expect(parent.getByRole('heading', { name: title })).toBeVisible();
	await expect(parent.locator('li.msg')).toHaveCount(1);
	await expect(parent.getByTestId('office-hours')).toContainText(`${day}: 07:00–08:00`);
	await expect(parent.getByTestId('office-hours-next')).toContainText(
		`Thầy/cô sẽ trả lời trong giờ làm việc: từ 07:00 ${day}, ${tomorrow}.`
	);
	await fitsPhone(parent);
	await expectAccessible(parent);

	// cleared again: no office hours, no line
	await teacher.goto('/teacher/office-hours');
	const clear = teacher.locator('form[data-staff]').first().getByRole('group', { name: day });
	await clear.getByLabel('Từ (khoảng 1)').fill('');
	await clear.getByLabel('Đến (khoảng 1)').fill('');
	await teacher.getByRole('button', { name: 'Lưu giờ làm việc' }).first().click();
	await expect(teacher.getByText('Đã lưu giờ làm việc.')).toBeVisible();
	await parent.reload();
	await expect(parent.getByTestId('office-hours')).toHaveCount(0);

	await teacherCtx.close();
	await parentCtx.close();
});

test('hostile office-hours posts answer 4xx; another teacher’s staff row is 404', async ({
	baseURL
}) => {
	const ctx = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const login = await ctx.post('/login', {
		form: { login: 'quangtrung.gv@demo.example', password: PASSWORD },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const page = await (await ctx.get('/teacher/office-hours')).text();
	const staff = /name="staff" value="(\d+)"/.exec(page)![1];
	const values = [
		'a'.repeat(100_000),
		'\u0000',
		'07:\u000000',
		'\u0001\u001b[31m\u007f',
		'1e309',
		'99999999999',
		'-1',
		"' or 1=1 --"
	];
	for (const value of values) {
		for (const form of [
			{ staff, d1_1_start: value, d1_1_end: '08:00' },
			{ staff: value, d1_1_start: '07:00', d1_1_end: '08:00' }
		]) {
			const res = await ctx.post('/teacher/office-hours', { form, maxRedirects: 0 });
			expect(res.status(), JSON.stringify(form).slice(0, 60)).toBe(400);
		}
	}
	// a staff row of another teacher (the Nguyễn Tất Thành teacher's, read from their own page)
	const other = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	await other.post('/login', {
		form: { login: 'nguyentatthanh.gv@demo.example', password: PASSWORD },
		maxRedirects: 0
	});
	const otherStaff = /name="staff" value="(\d+)"/.exec(
		await (await other.get('/teacher/office-hours')).text()
	)?.[1];
	for (const id of [otherStaff, '2000000000'].filter(Boolean)) {
		const res = await ctx.post('/teacher/office-hours', {
			form: { staff: id!, d1_1_start: '07:00', d1_1_end: '08:00' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(404);
	}
	await ctx.dispose();
	await other.dispose();
});
