import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './helpers';

const ADMIN = 'nguyentatthanh.admin@demo.example';
test.use({ viewport: { width: 1280, height: 1600 } });

async function drag(page: Page, source: Locator, target: Locator) {
	const from = (await source.boundingBox())!;
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 6, from.y + from.height / 2 + 6, { steps: 3 });
	await expect(source.locator('xpath=..')).toHaveClass(/picked/, { timeout: 5000 });
	const to = (await target.boundingBox())!;
	await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
	await page.mouse.up();
}

test('experiment: refused drag then another drag', async ({ page }) => {
	test.setTimeout(180_000);
	await signIn(page, ADMIN);
	await page.getByRole('link', { name: 'Thời khóa biểu' }).first().click();
	const published = page.locator('tbody tr[data-status="published"]').first();
	await published.getByRole('button', { name: 'Tạo bản nháp để sửa' }).click();
	await expect(page.getByRole('heading', { name: /Sửa thời khóa biểu số \d+/ })).toBeVisible();
	await page.evaluate(() => {
		const w = window as unknown as { log: string[] };
		w.log = [];
		for (const t of ['dragstart', 'dragend', 'drop', 'pointerdown', 'mousedown', 'mouseup'])
			document.addEventListener(t, (e) => w.log.push(`${t}:${(e.target as Element).tagName}`), true);
	});
	const cell = (slot: string) => page.locator(`td[data-slot="${slot}"]`);
	const check = page.getByTestId('edit-check');
	const slots = await page
		.locator('td[data-slot]:has(button.cell)')
		.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-slot')!));
	const pairs = slots
		.slice(1)
		.flatMap((a) => slots.slice(1).map((b) => [a, b] as const))
		.filter(([a, b]) => a !== b && a.split('-')[0] === b.split('-')[0]);
	const results: string[] = [];
	for (const [from, to] of pairs.slice(0, 8)) {
		try {
			await drag(page, cell(from).locator('button.cell'), cell(to));
			await expect(check).toHaveAttribute('data-move', `${from}>${to}`);
			results.push(`${from}>${to} ok=${await check.getAttribute('data-ok')}`);
		} catch (e) {
			results.push(`${from}>${to} FAILED ${String(e).slice(0, 100)}`);
			await page.mouse.up().catch(() => {});
		}
		results.push(
			'log: ' + (await page.evaluate(() => (window as unknown as { log: string[] }).log.splice(0).join(' ')))
		);
	}
	console.log(results.join('\n'));
});
