import { z } from 'zod';
import { pageOf, requestContext } from '$lib/server/action';
import { figureTotals, gradeFigures } from '$lib/server/grades/figures';
import { primaryFigures, primaryTotals } from '$lib/server/grades/primary-figures';
import { listVisibleAreas } from '$lib/server/org/schools';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

const id = z.coerce.number().int().min(1).max(2_147_483_647);
const filtersSchema = z.object({
	area: id.nullable().catch(null),
	grade: z.coerce.number().int().min(1).max(12).nullable().catch(null),
	term: z.enum(['1', '2', 'year']).catch('year')
});

/** Grade figures per school and grade: the department's province, an area office's area. */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const q = event.url.searchParams;
	const filters = filtersSchema.parse({
		area: q.get('area') || null,
		grade: q.get('grade') || null,
		term: q.get('term') ?? undefined
	});
	const [rows, primary, areas] = await Promise.all([
		gradeFigures(db, principal, filters),
		primaryFigures(db, principal, filters),
		listVisibleAreas(db, principal)
	]);
	// the primary table pages on its own (?ppage=), like the secondary one (?page=)
	const ppages = Math.max(1, Math.ceil(primary.length / PAGE_SIZE));
	const ppage = Math.min(
		pageOf(
			new URL(`?page=${encodeURIComponent(event.url.searchParams.get('ppage') ?? '')}`, event.url)
		),
		ppages
	);
	const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
	const page = Math.min(pageOf(event.url), pages);
	return {
		filters,
		areas: areas.map((a) => ({ id: a.id, name: a.name })),
		isArea: !principal.roles.some((g) => g.role === 'department'),
		rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		total: figureTotals(rows),
		count: rows.length,
		page,
		pages,
		primary: {
			rows: primary.slice((ppage - 1) * PAGE_SIZE, ppage * PAGE_SIZE),
			total: primaryTotals(primary),
			count: primary.length,
			page: ppage,
			pages: ppages
		}
	};
};
