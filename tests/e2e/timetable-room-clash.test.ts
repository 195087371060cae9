import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Rooms on the editor, with JavaScript, as on a phone: the admin of THCS Quang Trung has one small
 * gym (capacity 1) and says Giáo dục thể chất needs it. In a draft copy, tapping the class's PE
 * period and then other periods, a move that leaves a slot needing more gyms than the school has
 * is refused with the slot, the room type and the classes named; a move that gives the class the
 * gym says that the class is larger than the room (a warning: it can still be saved). Only the
 * gym's clash counts (timetable-rooms may give Tin học one computer room meanwhile); at the end the
 * gym and PE's room type go again, so the school's rooms are as they were for the other files.
 */
const ADMIN = 'quangtrung.admin@demo.example';
const PE = 'Giáo dục thể chất';

async function setUpGym(page: Page, base: string) {
	await page.goto(`${base}/timetable/rooms`);
	const name = `Nhà đa năng ${Date.now().toString(36).slice(-4)}`;
	await page.getByLabel('Tên phòng').fill(name);
	await page.getByLabel('Loại phòng').selectOption('gym');
	await page.getByLabel('Sức chứa (học sinh)').fill('1');
	await page.getByRole('button', { name: 'Thêm phòng' }).click();
	await expect(page.getByText('Đã thêm phòng.')).toBeVisible();
	const pe = page.locator('form[action="?/needs"] label', { hasText: new RegExp(`^\\s*${PE}`) });
	const needField = (await pe.first().locator('select').getAttribute('name'))!;
	await pe.first().locator('select').selectOption('gym');
	await page.getByRole('button', { name: 'Lưu các môn cần phòng' }).click();
	await expect(page.getByText('Đã lưu các môn cần phòng.')).toBeVisible();
	return { name, needField };
}

/** this file's gym and PE's room type go again (PE's field only: another file may set others) */
async function removeGym(page: Page, base: string, gym: { name: string; needField: string }) {
	const res = await page.request.post(`${base}/timetable/rooms?/needs`, {
		form: { [gym.needField]: '' },
		headers: { accept: 'text/html', origin: new URL(page.url()).origin }
	});
	expect(res.status()).toBe(200);
	await page.goto(`${base}/timetable/rooms`);
	await expect(page.locator(`select[name="${gym.needField}"]`)).toHaveValue('');
	await page
		.getByTestId('rooms')
		.locator('li', { hasText: gym.name })
		.getByRole('button', { name: 'Xóa phòng' })
		.click();
	await expect(page.getByText('Đã xóa phòng.')).toBeVisible();
	await expect(page.getByText(gym.name)).toHaveCount(0);
}

const slotWords = (slot: string) => {
	const [d, p] = slot.split('-').map(Number);
	return `Thứ ${d + 2} tiết ${p + 1}`;
};

test('a move short of gyms is refused with the slot, type and classes named; a small gym warns', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, ADMIN);
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const gym = await setUpGym(page, base);

	await page.goto(`${base}/timetable`);
	const published = page.locator('tbody tr[data-status="published"]').first();
	await published.getByRole('button', { name: 'Tạo bản nháp để sửa' }).click();
	await expect(page.getByRole('heading', { name: /Sửa thời khóa biểu số \d+/ })).toBeVisible();

	const check = page.getByTestId('edit-check');
	const cell = (slot: string) => page.locator(`td[data-slot="${slot}"]`);
	const slots = await page
		.locator('td[data-slot]:has(button.cell)')
		.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-slot')!));
	const peSlots = await page
		.locator('td[data-slot]:has(button.cell)', { hasText: PE })
		.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-slot')!));
	expect(peSlots.length).toBeGreaterThan(0);
	const from = peSlots[0];
	let clash = false;
	let warned = false;
	for (const to of slots.filter((s) => !peSlots.includes(s) && s !== '0-0')) {
		if (clash && warned) break;
		await cell(from).locator('button.cell').click();
		await expect(cell(from)).toHaveClass(/picked/);
		await cell(to).locator('button.cell').click();
		await expect(check).toHaveAttribute('data-move', `${from}>${to}`);
		const text = (await check.textContent()) ?? '';
		if (!clash && text.includes('lớp cần nhà đa năng')) {
			clash = true;
			await expect(check).toHaveAttribute('data-ok', 'false');
			const violation = check.locator('li', { hasText: 'lớp cần nhà đa năng' }).first();
			// the slot the PE period moves to, the room type, the classes and the rooms there are
			await expect(violation).toContainText(slotWords(to));
			await expect(violation).toContainText('nhà đa năng');
			await expect(violation).toContainText(/cần nhà đa năng \([^)]+, [^)]+\)/);
			await expect(violation).toContainText('chỉ có 1 phòng');
			await expect(check.getByRole('button', { name: 'Lưu thay đổi' })).toHaveCount(0);
		}
		const warning = check.getByTestId('edit-room-warnings');
		if (!warned && (await warning.count())) {
			warned = true;
			await expect(warning).toContainText(`phòng ${gym.name} chỉ chứa 1`);
			if ((await check.getAttribute('data-ok')) === 'true')
				await expect(check.getByRole('button', { name: 'Lưu thay đổi' })).toBeVisible();
		}
	}
	expect(clash, 'some move leaves a slot short of gyms').toBe(true);
	expect(warned, 'some move gives the class the small gym').toBe(true);
	await removeGym(page, base, gym);
});
