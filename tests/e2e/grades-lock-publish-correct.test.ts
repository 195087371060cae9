import { expect, test, type Browser, type Page } from '@playwright/test';
import { todayIso } from '../../src/lib/dates';
import { expectAccessible, signIn } from './helpers';

/**
 * The checkpoint journey, without JavaScript: the school admin of THCS Quang Trung locks mid-term
 * II (the demo teacher's semester II gradebooks are empty, so no other test reads what changes
 * here) and publishes mid-term I to class 8A only; the demo parent sees the seeded GK of semester I
 * of their child in 8A, never the TX scores nor semester II; the demo teacher finds GK of semester II
 * read-only, the server refuses a save of it, and asks for a correction; the admin approves; once
 * mid-term II is published, the parent sees the corrected score.
 */
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const ADMIN = 'quangtrung.admin@demo.example';
const TEACHER = 'quangtrung.gv@demo.example';
const PARENT = 'quangtrung.ph@demo.example';
const CIVICS = 'Giáo dục công dân';

async function as(browser: Browser, email: string, javaScriptEnabled = false): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function checkpointsPage(page: Page): Promise<string> {
	const home = page.url();
	const school = /\/schools\/(\d+)/.exec(home)?.[1];
	expect(school, `the admin lands on a school page (${home})`).toBeTruthy();
	return `/schools/${school}/grades`;
}

/** Ticks only the class named `className` in the publication form, then publishes. */
async function publishFor(page: Page, className: string) {
	const boxes = page.locator('form[action="?/publish"] input[type="checkbox"]');
	for (const box of await boxes.all()) {
		const label = (await box.locator('xpath=..').innerText()).trim();
		if (label.split(/\s/)[0] === className) await box.check();
		else await box.uncheck();
	}
	await page.getByRole('button', { name: 'Công bố cho các lớp đã chọn' }).click();
}

let childName: string;
let childId: string;
let semesterTwoBook: string;

test('the admin locks mid-term II today and publishes mid-term I to class 8A only', async ({
	browser
}) => {
	const parent = await as(browser, PARENT);
	const card = parent.locator('article.card', { hasText: '8A' });
	childName = (await card.getByRole('heading', { level: 3 }).innerText()).trim();
	await expect(card).toContainText('Nhà trường chưa công bố kết quả nào.');
	const link = card.getByRole('link', { name: 'Xem kết quả học tập' });
	childId = /children\/(\d+)\//.exec((await link.getAttribute('href'))!)![1];
	await link.click();
	await expect(parent.getByText('Nhà trường chưa công bố kết quả nào của lớp 8A.')).toBeVisible();

	const admin = await as(browser, ADMIN);
	const path = await checkpointsPage(admin);
	await admin.goto(path);
	await expect(
		admin.getByRole('heading', { name: 'Mốc đánh giá, khoá sổ và công bố điểm' })
	).toBeVisible();
	// dates out of order: refused beside the form, what was typed kept
	const mid2 = admin.locator('#cp-mid2');
	await mid2.getByLabel('Hạn nhập').fill('2027-03-14');
	await mid2.getByLabel('Khoá sổ từ').fill('2027-03-01');
	await mid2.getByRole('button', { name: 'Lưu mốc' }).click();
	await expect(admin.locator('#cp-mid2 [role="alert"]')).toHaveText(
		'Ngày khoá sổ phải từ hạn nhập trở đi.'
	);
	await expect(admin.locator('#cp-mid2').getByLabel('Hạn nhập')).toHaveValue('2027-03-14');
	await admin.locator('#cp-mid2').getByLabel('Hạn nhập').fill('');
	await admin.locator('#cp-mid2').getByLabel('Khoá sổ từ').fill(todayIso());
	await admin.locator('#cp-mid2').getByRole('button', { name: 'Lưu mốc' }).click();
	await expect(admin.getByText('Đã lưu mốc Giữa học kì II.')).toBeVisible();
	await expect(admin.locator('#cp-mid2 .badge')).toHaveText('Đã khoá sổ');

	// mid-term I: what is missing per gradebook, then the publication to 8A
	await admin.goto(`${path}?checkpoint=mid1`);
	await expect(
		admin.getByRole('heading', { name: 'Sổ điểm chưa nhập xong · Giữa học kì I' })
	).toBeVisible();
	await expect(admin.getByText(/\d+\/\d+ sổ điểm đã nhập đủ\./)).toBeVisible();
	await publishFor(admin, '8A');
	await expect(admin.getByText('Đã công bố mốc Giữa học kì I cho 1 lớp.')).toBeVisible();
	await expect(admin.locator('form[action="?/publish"] li', { hasText: '8A' })).toContainText(
		'Đã công bố'
	);

	// the parent now sees semester I's GK of civics, not its TX, and nothing of semester II
	await parent.goto(`/parent/children/${childId}/grades`);
	await expect(parent.getByText('Đã công bố: Giữa học kì I')).toBeVisible();
	const semesterOne = parent.locator('section', {
		has: parent.getByRole('heading', { name: 'Học kì 1' })
	});
	const civics = semesterOne.getByRole('row', { name: new RegExp(CIVICS) });
	await expect(civics.locator('td')).toHaveCount(1);
	await expect(civics.locator('td')).toHaveText(/^\d+(,\d)?$/);
	await expect(semesterOne.getByRole('columnheader', { name: 'TX' })).toHaveCount(0);
	await expect(
		parent.locator('section', { has: parent.getByRole('heading', { name: 'Học kì 2' }) })
	).toContainText('Chưa công bố');
	await parent.setViewportSize({ width: 360, height: 740 });
	expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		360
	);
	// the other child's class (6C) published nothing
	await parent.goto('/parent');
	await expect(parent.locator('article.card', { hasText: '6C' })).toContainText(
		'Nhà trường chưa công bố kết quả nào.'
	);
	await expect(parent.locator('article.card', { hasText: '8A' })).toContainText(
		'Đã công bố: Giữa học kì I'
	);
});

test('the teacher finds GK of semester II locked, is refused by the server, and asks for a correction', async ({
	browser
}) => {
	const teacher = await as(browser, TEACHER);
	await teacher.goto('/teacher/grades');
	const row = teacher.locator('tbody tr[data-semester="2"]', { hasText: '8A' }).filter({
		hasText: CIVICS
	});
	await row.getByRole('link').click();
	semesterTwoBook = new URL(teacher.url()).pathname;
	await expect(teacher.getByText('Cột GK đã khoá sổ (mốc Giữa học kì II): chỉ xem.')).toBeVisible();
	await expect(
		teacher.getByLabel(`Đánh giá giữa kì của ${childName}`, { exact: true })
	).toHaveCount(0);
	const ck = teacher.getByLabel(`Đánh giá cuối kì của ${childName}`, { exact: true });
	await expect(ck).toBeVisible();

	// a hand-made post of the locked cell: a clear 400, never a 500, nothing saved
	const pupil = /^s_(\d+)_ck$/.exec((await ck.getAttribute('name'))!)![1];
	const refused = await teacher.request.post(semesterTwoBook, {
		form: { [`s_${pupil}_gk`]: '5', [`o_${pupil}_gk`]: '', [`v_${pupil}_gk`]: '0' },
		headers: { accept: 'text/html', origin: new URL(teacher.url()).origin },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('Đã khoá sổ mốc Giữa học kì II');

	await teacher.getByRole('link', { name: 'Yêu cầu sửa điểm đã khoá' }).click();
	await expect(teacher).toHaveURL(/\/corrections$/);
	await teacher.getByLabel('Học sinh').selectOption({ label: childName });
	await teacher.getByLabel('Cột').selectOption({ label: 'Đánh giá giữa kì' });
	// a score out of range: refused, what was typed kept
	await teacher.getByLabel('Giá trị mới').fill('12');
	await teacher.getByLabel('Lí do').fill('Bài kiểm tra bù ngày 02/12, chưa kịp nhập trước khoá sổ');
	await teacher.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(teacher.getByRole('alert')).toHaveText('Điểm phải từ 0 đến 10.');
	await expect(teacher.getByLabel('Lí do')).toHaveValue(
		'Bài kiểm tra bù ngày 02/12, chưa kịp nhập trước khoá sổ'
	);
	await teacher.getByLabel('Giá trị mới').fill('8,5');
	await teacher.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(
		teacher.getByText('Đã gửi yêu cầu sửa điểm; quản trị nhà trường sẽ duyệt.')
	).toBeVisible();
	const request = teacher.locator('li[data-correction]').first();
	await expect(request).toContainText('Chờ duyệt');
	await expect(request).toContainText('(trống) → 8,5');
});

test('the admin approves; the parent sees the corrected score once mid-term II is published', async ({
	browser
}) => {
	const admin = await as(browser, ADMIN);
	const path = await checkpointsPage(admin);
	await admin.goto(path);
	await admin.getByRole('link', { name: /Yêu cầu sửa điểm \(\d+ chờ duyệt\)/ }).click();
	const request = admin.locator('li[data-correction]', { hasText: childName }).first();
	await expect(request).toContainText('Bài kiểm tra bù ngày 02/12');
	await request.getByRole('button', { name: 'Duyệt và sửa điểm' }).click();
	await expect(
		admin.getByText('Đã duyệt: điểm đã được sửa và kết quả được tính lại.')
	).toBeVisible();
	await expect(admin.locator('li[data-correction]', { hasText: childName }).first()).toContainText(
		'Đã duyệt'
	);

	const teacher = await as(browser, TEACHER);
	await teacher.goto(semesterTwoBook);
	await expect(teacher.getByRole('row', { name: new RegExp(childName) })).toContainText('8,5');

	const parent = await as(browser, PARENT);
	await parent.goto(`/parent/children/${childId}/grades`);
	const semesterTwo = parent.locator('section', {
		has: parent.getByRole('heading', { name: 'Học kì 2' })
	});
	await expect(semesterTwo).toContainText('Chưa công bố');
	await expect(semesterTwo).not.toContainText('8,5');

	await admin.goto(`${path}?checkpoint=mid2`);
	await publishFor(admin, '8A');
	await expect(admin.getByText('Đã công bố mốc Giữa học kì II cho 1 lớp.')).toBeVisible();
	await parent.reload();
	await expect(semesterTwo.getByRole('row', { name: new RegExp(CIVICS) })).toContainText('8,5');
});

test('the pages of the journey have no serious accessibility problem', async ({ browser }) => {
	const admin = await as(browser, ADMIN, true);
	const path = await checkpointsPage(admin);
	for (const page of [path, `${path}/corrections`]) {
		await admin.goto(page);
		await expectAccessible(admin);
	}
	const teacher = await as(browser, TEACHER, true);
	await teacher.goto(`${semesterTwoBook}/corrections`);
	await expectAccessible(teacher);
	const parent = await as(browser, PARENT, true);
	await parent.goto(`/parent/children/${childId}/grades`);
	await expectAccessible(parent);
});
