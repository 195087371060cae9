import { expect, test, type Browser, type Page } from '@playwright/test';
import { activateWithCode, expectAccessible, signIn } from './helpers';

/**
 * A subject teacher's primary entry (Circular 27) at TH&THCS Đông Cuông: the demo teacher keeps 1A
 * and 4A and also teaches Tiếng Anh (Ngoại ngữ 1) in 5A (seeded teaching assignment). On a 360 px
 * phone they enter that subject only; a test score of 0 is refused beside its cell with what was
 * typed kept. Then, without JavaScript: the admin invites the guardians of 5A, one activates, the
 * subject teacher writes a comment for that guardian's child at mid-term I, the admin publishes
 * mid-term I to 5A only, and the parent reads the subject teacher's comment on the grades page and
 * on the report card. Only 5A's Tiếng Anh cells are written (no other test reads them).
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.use({ viewport: { width: 360, height: 740 } });

const COMMENT = 'Con phát âm rõ ràng, cần luyện thêm từ vựng.';
const PASSWORD = 'mat-khau-tieng-anh';

async function openSubject(page: Page, checkpoint: string) {
	await page.goto('/teacher/primary');
	const taught = page.getByRole('region', { name: 'Môn tôi dạy ở tiểu học' });
	const item = taught.locator('li', {
		has: page.getByRole('heading', { name: 'Ngoại ngữ 1 · Lớp 5A' })
	});
	await item.getByRole('link', { name: checkpoint, exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Ngoại ngữ 1 · Lớp 5A · ${checkpoint}` })
	).toBeVisible();
}

test('the subject teacher enters Tiếng Anh of 5A on a phone, and only that subject', async ({
	page
}) => {
	await signIn(page, 'dongcuong.gv@demo.example');
	await openSubject(page, 'Cuối học kì I');
	await expectAccessible(page);
	// one level per pupil, of this subject only; no other subject of 5A is offered
	const levels = page.locator('select[name^="l_"]');
	const count = await levels.count();
	expect(count).toBeGreaterThan(1);
	await expect(page.locator('fieldset')).toHaveCount(count);
	const names = await levels.evaluateAll((els) => els.map((e) => e.getAttribute('name')!));
	expect(new Set(names.map((n) => n.split('_')[2])).size).toBe(1);
	const fits = await page.evaluate(
		() => document.documentElement.scrollWidth <= window.innerWidth + 1
	);
	expect(fits).toBe(true);

	const last = page.locator('fieldset').last();
	const name = (await last.locator('legend').textContent())!.trim();
	await page.getByLabel(`${name} · Mức đạt được`).selectOption('T');
	await page.getByLabel(`${name} · Điểm KTĐK`).fill('0');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.getByText('không cho điểm 0')).toBeVisible();
	await expect(page.getByLabel(`${name} · Điểm KTĐK`)).toHaveValue('0');
	await expect(page.getByLabel(`${name} · Mức đạt được`)).toHaveValue('T');

	await page.getByLabel(`${name} · Điểm KTĐK`).fill('9');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.getByText(/Đã lưu \d+ ô/)).toBeVisible();
	await expect(page.getByLabel(`${name} · Điểm KTĐK`)).toHaveValue('9');
	// the homeroom grid of 5A is not theirs
	const own = new URL(page.url()).pathname.replace(/subjects\/(\d+)\/\d+/, '$1');
	expect(own).toMatch(/^\/teacher\/primary\/\d+\/end1$/);
	const grid = await page.request.get(own);
	expect(grid.status()).toBe(404);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	async function open(browser: Browser): Promise<Page> {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 360, height: 740 }
		});
		return context.newPage();
	}

	test('a parent of 5A reads the subject teacher’s comment once mid-term I is published', async ({
		browser
	}) => {
		const admin = await open(browser);
		await signIn(admin, 'dongcuong.admin@demo.example');
		const base = /^\/schools\/\d+/.exec(new URL(admin.url()).pathname)![0];
		await admin.goto(`${base}/invitations`);
		await admin.getByRole('button', { name: 'Mời phụ huynh lớp 5A' }).click();
		const slip = admin
			.getByRole('list', { name: 'Phiếu kích hoạt tài khoản' })
			.getByRole('listitem')
			.first();
		const login = (await slip.locator('.login').textContent())!.trim();
		const code = (await slip.locator('.code').textContent())!.trim();
		const pupil = (await slip.locator('.children span').first().textContent())!
			.split(' · ')[0]
			.trim();

		const parent = await open(browser);
		await activateWithCode(parent, login, code, PASSWORD);

		const teacher = await open(browser);
		await signIn(teacher, 'dongcuong.gv@demo.example');
		await openSubject(teacher, 'Giữa học kì I');
		await teacher.getByLabel(`${pupil} · Mức đạt được`).selectOption('H');
		await teacher.getByLabel(`${pupil} · Nhận xét`).fill(COMMENT);
		await teacher.getByRole('button', { name: 'Lưu đánh giá' }).click();
		await expect(teacher.getByText(/Đã lưu \d+ ô/)).toBeVisible();
		await expect(teacher.getByLabel(`${pupil} · Nhận xét`)).toHaveValue(COMMENT);

		// not published yet: the parent does not see it
		await parent.goto('/parent');
		await parent.locator('a[href$="/grades"]').first().click();
		await parent.waitForURL(/\/parent\/children\/\d+\/grades$/);
		const gradesUrl = new URL(parent.url()).pathname;
		await expect(parent.getByText(COMMENT)).toHaveCount(0);

		await admin.goto(`${base}/grades?checkpoint=mid1`);
		const boxes = admin.locator('form[action="?/publish"] input[type="checkbox"]');
		for (const box of await boxes.all()) {
			const label = (await box.locator('xpath=..').innerText()).trim();
			if (label.split(/\s/)[0] === '5A') await box.check();
			else await box.uncheck();
		}
		await admin.getByRole('button', { name: 'Công bố cho các lớp đã chọn' }).click();
		await expect(admin.locator('form[action="?/publish"] li', { hasText: '5A' })).toContainText(
			'Đã công bố'
		);

		await parent.goto(gradesUrl);
		const mid = parent.getByTestId('cp-mid1');
		await expect(mid.getByRole('row', { name: /Ngoại ngữ 1/ })).toContainText(COMMENT);
		await parent
			.getByRole('navigation', { name: 'Kết quả đánh giá (in hoặc tải PDF)' })
			.getByRole('link', { name: 'Giữa học kì I' })
			.click();
		await expect(parent.getByTestId('comments')).toContainText('Ngoại ngữ 1');
		await expect(parent.getByTestId('comments')).toContainText(COMMENT);
		for (const p of [admin, parent, teacher]) await p.context().close();
	});
});
