import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Issue 9, item 8: no page is wider than a 360 px phone. For each role, the test signs in on a
 * 360 px screen and walks every page the role's menu leads to and the links on those pages (one
 * step further, a bounded number per role), as a new user would, and records each page whose
 * document is wider than the screen (nothing may scroll sideways: wide tables scroll inside their
 * own box or become cards). Downloads, sign-out and forms are not followed.
 */
test.describe.configure({ mode: 'parallel', timeout: 240_000 });
// The width of a page does not depend on the database: CI's second run (PostgreSQL) skips this walk
// of 225 pages; the authorization matrix still opens every page there.
test.skip(!!process.env.DATABASE_URL, 'layout only: checked on the embedded database run');

const ROLES = [
	'so@demo.example',
	'vanyen@demo.example',
	'quangtrung.admin@demo.example',
	'quangtrung.gv@demo.example',
	'quangtrung.ph@demo.example'
];
/** Pages per role: the menu's pages first, then the links found on them. */
const MAX_PAGES = 45;
const SKIP =
	/\/(export|print|report\.pdf|logout|locale)(\/|$|\?)|\.(xlsx|csv|pdf|ics|json)(\?|$)|\/download|\/files\/|\/api\//;

async function links(page: Page, selector: string): Promise<string[]> {
	const hrefs = await page
		.locator(selector)
		.and(page.locator(':not([download])'))
		.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
	const here = new URL(page.url()).origin;
	const out: string[] = [];
	for (const href of hrefs) {
		const url = new URL(href);
		if (url.origin !== here || SKIP.test(url.pathname + url.search)) continue;
		url.hash = '';
		out.push(url.pathname + url.search);
	}
	return out;
}

/** Keeps one page per route shape (ids and query values folded), so the walk spreads widely. */
function shape(path: string) {
	const url = new URL(path, 'http://x');
	const params = [...url.searchParams.keys()].sort().join('&');
	return url.pathname.replace(/\/\d+/g, '/N') + (params ? `?${params}` : '');
}

for (const email of ROLES) {
	test(`every page ${email.split('@')[0]} reaches fits a 360 px phone`, async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await signIn(page, email);
		const queue = [new URL(page.url()).pathname, ...(await links(page, 'nav a[href]'))];
		const seen = new Set<string>();
		const visited: string[] = [];
		const wide: string[] = [];
		while (queue.length && visited.length < MAX_PAGES) {
			const path = queue.shift()!;
			if (seen.has(shape(path))) continue;
			seen.add(shape(path));
			// A link that answers with a file (a download) is not a page.
			const response = await page.goto(path).catch((e: Error) => {
				if (/Download is starting/.test(e.message)) return null;
				throw e;
			});
			const type = response?.headers()['content-type'] ?? '';
			if (!response || response.status() >= 400 || !type.includes('text/html')) continue;
			visited.push(path);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			// names the first element that sticks out (outside scrolling table boxes), to find the cause
			if (width > 360)
				wide.push(
					`${path}: ${width} px, ` +
						(await page.evaluate(() => {
							const out = [...document.querySelectorAll('main *')].find(
								(e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > 361
							);
							return out
								? `${out.tagName.toLowerCase()}.${out.className} “${(out.textContent ?? '').slice(0, 60)}”`
								: 'inside a table box';
						}))
				);
			queue.push(...(await links(page, 'main a[href]')));
		}
		// The walk reached a real part of the portal, not just the home page.
		expect(visited.length).toBeGreaterThan(4);
		expect(wide).toEqual([]);
	});
}

/**
 * Issue 9: the official's dashboard, its at-risk list and the wave table at 360 px, nothing cut:
 * the page does not scroll sideways, nothing in the section sticks out of the screen, and the
 * section's tables fit without scrolling inside their box. Screenshots go to test-results (not
 * committed) for a person to look at.
 */
test('the official’s dashboard, at-risk list and wave table fit 360 px, with screenshots', async ({
	page
}, testInfo) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'so@demo.example');
	await page.goto('/department');
	await expect(page.locator('h2#at-risk')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.screenshot({ path: testInfo.outputPath('dashboard-360.png'), fullPage: true });

	for (const [name, selector] of [
		['at-risk', 'section[aria-labelledby="at-risk"]'],
		['waves', 'section[aria-labelledby="waves-title"]']
	] as const) {
		const section = page.locator(selector);
		await section.scrollIntoViewIfNeeded();
		const cut = await section.evaluate((root) => {
			const out: string[] = [];
			for (const e of [root, ...root.querySelectorAll('*')]) {
				const r = e.getBoundingClientRect();
				if (r.width > 0 && (r.right > 361 || r.left < -1) && !e.closest('.table-wrap'))
					out.push(`${e.tagName.toLowerCase()} “${(e.textContent ?? '').slice(0, 40)}”`);
			}
			const boxes = [...root.querySelectorAll('.table-wrap')]
				.filter((box) => box.scrollWidth > box.clientWidth + 1)
				.map((box) => `${box.scrollWidth} px in ${box.clientWidth} px`);
			return { out, boxes };
		});
		expect(cut.out, name).toEqual([]);
		// The at-risk list and the wave table become cards on a phone: nothing scrolls inside a box.
		expect(cut.boxes, name).toEqual([]);
		await section.screenshot({ path: testInfo.outputPath(`${name}-360.png`) });
	}
});
