import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * Issue 13, leave requests: on a 360 px phone a parent asks leave for the child in 8A, the homeroom
 * teacher approves it with a note, the parent sees the answer and an automatic notice links to it.
 */
const PHONE = { width: 360, height: 740 };

test('a parent asks leave for a child and the homeroom teacher approves it', async ({
	browser
}) => {
	const parentCtx = await browser.newContext({ viewport: PHONE });
	const teacherCtx = await browser.newContext({ viewport: PHONE });
	const parent = await parentCtx.newPage();
	const teacher = await teacherCtx.newPage();
	const reason = `Cháu đi khám mắt ở bệnh viện tỉnh ${Date.now()}`;

	await signIn(parent, 'quangtrung.ph@demo.example');
	await parent.goto('/parent/leave/new');
	const child = parent.getByLabel('Học sinh');
	await child.selectOption({
		label: (await child.locator('option', { hasText: '8A' }).textContent())!.trim()
	});
	await parent.getByLabel('Nghỉ từ ngày').fill('2027-01-04');
	await parent.getByLabel('Đến ngày').fill('2027-01-04');
	await parent.getByLabel('Buổi sáng').check();
	await parent.getByLabel('Lý do').fill(reason);
	await parent.getByRole('button', { name: 'Gửi đơn' }).click();
	await expect(parent.getByText('Đã gửi đơn.')).toBeVisible();
	await expect(parent.getByTestId('leave-state')).toHaveText('Chờ trả lời');
	const requestUrl = parent.url().split('?')[0];
	await expectAccessible(parent);

	await signIn(teacher, 'quangtrung.gv@demo.example');
	await teacher.goto('/teacher/leave');
	const card = teacher.locator('li.card').filter({ hasText: reason });
	await card.getByLabel('Ghi chú trả lời').fill('Cô đồng ý, cháu nhớ mượn vở chép bài.');
	await card.getByRole('button', { name: 'Đồng ý', exact: true }).click();
	await expect(teacher.getByText('Đã trả lời đơn.')).toBeVisible();
	await expect(teacher.locator('li.card').filter({ hasText: reason })).toContainText('Đã đồng ý');
	const width = await teacher.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);

	await parent.goto(requestUrl);
	await expect(parent.getByTestId('leave-state')).toHaveText('Đã đồng ý');
	await expect(parent.getByText('Cô đồng ý, cháu nhớ mượn vở chép bài.')).toBeVisible();
	// The answer's event becomes an automatic notice (the job runs within seconds).
	await expect(async () => {
		await parent.goto('/parent/notices');
		await expect(
			parent.locator(`[data-auto-notice] a[href="${new URL(requestUrl).pathname}"]`)
		).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });

	await parentCtx.close();
	await teacherCtx.close();
});
