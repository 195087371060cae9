import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * Issue 13, conversations: on a 360 px phone, in Vietnamese, a parent writes to the homeroom
 * teacher about one child; the teacher reads and answers; the parent sees the answer and "Đã xem"
 * without reloading (light polling). Without JavaScript the same works by reloading.
 */
const PHONE = { width: 360, height: 740 };

async function fitsPhone(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
}

test('a parent writes to the homeroom teacher, the teacher answers, the parent sees “Đã xem”', async ({
	browser
}) => {
	const parentCtx = await browser.newContext({ viewport: PHONE });
	const teacherCtx = await browser.newContext({ viewport: PHONE });
	const parent = await parentCtx.newPage();
	const teacher = await teacherCtx.newPage();
	const title = `Hỏi về bài kiểm tra ${Date.now()}`;

	await signIn(parent, 'quangtrung.ph@demo.example');
	const card = parent.locator('article.card').filter({ hasText: '8A' });
	await card.getByRole('link', { name: 'Nhắn giáo viên chủ nhiệm' }).click();
	await expect(parent.getByRole('heading', { name: 'Tin nhắn mới' })).toBeVisible();
	await expect(parent.getByLabel('Gửi đến')).toHaveValue(/:homeroom$/);
	await parent.getByLabel('Tiêu đề').fill(title);
	await parent.getByLabel('Nội dung').fill('Thưa cô,\nCháu muốn hỏi lịch kiểm tra giữa kì.');
	await fitsPhone(parent);
	await parent.getByRole('button', { name: 'Gửi' }).click();

	await expect(parent.getByRole('heading', { name: title })).toBeVisible();
	const mine = parent.locator('li.msg').last();
	await expect(mine).toContainText('Thưa cô,\nCháu muốn hỏi lịch kiểm tra giữa kì.', {
		useInnerText: true
	});
	await expect(mine.getByTestId('receipt')).toHaveText('Chưa xem');
	await fitsPhone(parent);
	await expectAccessible(parent);

	// The teacher finds it unread in the inbox, reads it and answers.
	await signIn(teacher, 'quangtrung.gv@demo.example');
	await teacher.goto('/teacher/messages');
	const entry = teacher.locator('li.card').filter({ hasText: title });
	await expect(entry.getByText('Chưa đọc')).toBeVisible();
	await entry.getByRole('link').click();
	await expect(teacher.locator('li.msg').first()).toContainText('Cháu muốn hỏi', {
		useInnerText: true
	});
	await teacher.getByLabel('Tin nhắn trả lời').fill('Chào anh/chị,\nTuần sau lớp kiểm tra Toán.');
	await teacher.getByRole('button', { name: 'Trả lời' }).click();
	await expect(teacher.locator('li.msg')).toHaveCount(2);
	await expect(teacher.getByLabel('Tin nhắn trả lời')).toHaveValue('');
	await fitsPhone(teacher);

	// Without reloading, the parent's page shows the answer and who has seen the question.
	await expect(parent.locator('li.msg')).toHaveCount(2, { timeout: 25_000 });
	await expect(parent.locator('li.msg').last()).toContainText('Tuần sau lớp kiểm tra Toán.');
	await expect(parent.getByTestId('receipt')).toHaveText(
		/Đã xem · .+ lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/
	);

	await parentCtx.close();
	await teacherCtx.close();
});

test('without JavaScript a parent answers by a plain form post and sees the message after the reload', async ({
	browser
}) => {
	const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const page = await ctx.newPage();
	await signIn(page, 'quangtrung.ph@demo.example');
	await page.goto('/parent/messages');
	await page.locator('li.card[data-kind="office"] a').first().click();
	const before = await page.locator('li.msg').count();
	await page.getByLabel('Tin nhắn trả lời').fill('Xin cảm ơn văn phòng.\n\tTrân trọng.');
	await page.getByRole('button', { name: 'Trả lời' }).click();
	await expect(page.locator('li.msg')).toHaveCount(before + 1);
	await expect(page.locator('li.msg').last()).toContainText('Xin cảm ơn văn phòng.');
	// An empty answer is refused beside the field, nothing stored.
	await page.getByRole('button', { name: 'Trả lời' }).click();
	await expect(page.locator('#reply-body-error')).toBeVisible();
	await expect(page.locator('li.msg')).toHaveCount(before + 1);
	await ctx.close();
});
