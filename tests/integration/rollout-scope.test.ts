import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { rolloutFigures } from '../../src/lib/server/rollout/dashboard-queries';
import {
	adoptionByPlatform,
	platformMatrix,
	schoolsAtRisk
} from '../../src/lib/server/rollout/dashboard-lists';
import { reportRows } from '../../src/lib/server/rollout/report';
import { apiRolloutSchools } from '../../src/lib/server/rollout/api';
import { getSchoolRollout } from '../../src/lib/server/rollout/school-rollout';
import {
	listSchoolPlatforms,
	updateSchoolPlatform
} from '../../src/lib/server/rollout/school-platforms';
import { getChecklist, listSchoolChecklists } from '../../src/lib/server/rollout/checklists';
import { updateItem } from '../../src/lib/server/rollout/checklist-items';
import { listAwaitingReview } from '../../src/lib/server/rollout/checklist-actions';
import { listTemplates } from '../../src/lib/server/rollout/templates';
import { createPlatform } from '../../src/lib/server/rollout/catalogue-admin';
import { getWave } from '../../src/lib/server/rollout/waves';
import { openEvidence } from '../../src/lib/server/rollout/evidence';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

const TODAY = '2026-11-28';
const DONG_CUONG = 'Trường TH&THCS Đông Cuông';
const noFilter = {};

async function vanYenIds() {
	const rows = await db
		.selectFrom('schools')
		.innerJoin('areas', 'areas.id', 'schools.area_id')
		.select('schools.id')
		.where('areas.code', '=', 'VY')
		.execute();
	return rows.map((r) => r.id).sort((a, b) => a - b);
}

describe('rollout figures are limited to the caller’s scope', () => {
	it('gives the department every school and an area official only the area', async () => {
		const dept = await rolloutFigures(
			db,
			await principalOf(db, 'so@demo.example'),
			noFilter,
			TODAY
		);
		expect(dept.headline.schools).toBeGreaterThanOrEqual(123);
		const rows = await reportRows(
			db,
			await principalOf(db, 'vanyen@demo.example'),
			noFilter,
			TODAY
		);
		expect(rows.map((r) => r.school_id).sort((a, b) => a - b)).toEqual(await vanYenIds());
		expect(new Set(rows.map((r) => r.area_name))).toEqual(new Set(['Văn Yên']));
	});

	it('gives a school admin and a teacher only their own school, and a parent nothing', async () => {
		const dc = await schoolIdByName(db, DONG_CUONG);
		const admin = await reportRows(
			db,
			await principalOf(db, 'dongcuong.admin@demo.example'),
			noFilter,
			TODAY
		);
		expect(admin.map((r) => r.school_id)).toEqual([dc]);
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const teacher = await apiRolloutSchools(
			db,
			await principalOf(db, 'quangtrung.gv@demo.example'),
			{ page: 1, pageSize: 500 },
			TODAY
		);
		expect(teacher.body.schools.map((s) => s.id)).toEqual([qt]);
		const parent = await apiRolloutSchools(
			db,
			await principalOf(db, 'quangtrung.ph@demo.example'),
			{ page: 1, pageSize: 500 },
			TODAY
		);
		expect(parent).toEqual({ body: { schools: [] }, total: 0 });
	});

	it('counts platform adoption of the area only, from the kept counts', async () => {
		const official = await principalOf(db, 'vanyen@demo.example');
		const adoption = await adoptionByPlatform(db, official, noFilter);
		const direct = await db
			.selectFrom('school_platforms as sp')
			.select(['sp.platform_id', 'sp.status', (eb) => eb.fn.countAll<number>().as('n')])
			.where('sp.school_id', 'in', await vanYenIds())
			.groupBy(['sp.platform_id', 'sp.status'])
			.execute();
		for (const p of adoption)
			for (const [status, n] of Object.entries(p.counts))
				expect(n, `${p.code} ${status}`).toBe(
					Number(direct.find((d) => d.platform_id === p.id && d.status === status)?.n ?? 0)
				);
	});

	it('lists only the area’s schools in the matrix, the at-risk list and the review queue', async () => {
		const official = await principalOf(db, 'vanyen@demo.example');
		const ids = new Set(await vanYenIds());
		const matrix = await platformMatrix(db, official, noFilter, 1, 500);
		expect(matrix.schools.length).toBe(ids.size);
		const risk = await schoolsAtRisk(db, official, noFilter, TODAY, 1, 500);
		expect(risk.every((r) => ids.has(r.id))).toBe(true);
		const queue = await listAwaitingReview(db, official);
		expect(queue.length).toBeGreaterThan(0);
		expect(queue.every((q) => ids.has(q.school_id))).toBe(true);
	});

	it('applies the area, level and wave filters on top of the scope', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const area = await db
			.selectFrom('areas')
			.select('id')
			.where('code', '=', 'VY')
			.executeTakeFirstOrThrow();
		const rows = await reportRows(db, dept, { areaId: area.id, level: 'THCS' }, TODAY);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.area_id === area.id && r.level === 'THCS')).toBe(true);
		// An area official asking for another area gets nothing, not that area.
		const yb = await db
			.selectFrom('areas')
			.select('id')
			.where('code', '=', 'YB')
			.executeTakeFirstOrThrow();
		const none = await reportRows(
			db,
			await principalOf(db, 'vanyen@demo.example'),
			{ areaId: yb.id },
			TODAY
		);
		expect(none).toEqual([]);
	});
});

describe('a school’s rollout pages answer 404 outside the scope', () => {
	it('hides another school’s rollout, platforms and checklists', async () => {
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		for (const email of [
			'vanyen@demo.example',
			'dongcuong.admin@demo.example',
			'quangtrung.ph@demo.example'
		]) {
			const p = await principalOf(db, email);
			await expect(getSchoolRollout(db, p, qt, TODAY)).rejects.toMatchObject({ status: 404 });
			await expect(listSchoolPlatforms(db, p, qt)).rejects.toMatchObject({ status: 404 });
			await expect(listSchoolChecklists(db, p, qt)).rejects.toMatchObject({ status: 404 });
		}
		const [checklist] = await listSchoolChecklists(
			db,
			await principalOf(db, 'so@demo.example'),
			qt
		);
		await expect(
			getChecklist(db, await principalOf(db, 'vanyen@demo.example'), qt, checklist.id)
		).rejects.toMatchObject({ status: 404 });
	});

	it('lets officials read but not edit, and teachers read but not edit', async () => {
		const dc = await schoolIdByName(db, DONG_CUONG);
		const [checklist] = await listSchoolChecklists(
			db,
			await principalOf(db, 'vanyen@demo.example'),
			dc
		);
		const { items } = await getChecklist(
			db,
			await principalOf(db, 'vanyen@demo.example'),
			dc,
			checklist.id
		);
		const input = {
			status: 'done' as const,
			selfScore: null,
			responsibleStaffId: null,
			dueOn: null,
			note: null,
			version: items[0].version
		};
		await expect(
			updateItem(
				db,
				await principalOf(db, 'vanyen@demo.example'),
				dc,
				checklist.id,
				items[0].id,
				input
			)
		).rejects.toMatchObject({ status: 404 });
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const [platform] = await listSchoolPlatforms(
			db,
			await principalOf(db, 'quangtrung.gv@demo.example'),
			qt
		);
		await expect(
			updateSchoolPlatform(
				db,
				await principalOf(db, 'quangtrung.gv@demo.example'),
				qt,
				platform.platform_id,
				{
					status: 'in_use',
					vendor: null,
					goLiveOn: null,
					evidenceUrl: null,
					responsibleStaffId: null,
					note: null,
					changeNote: null,
					version: platform.version
				}
			)
		).rejects.toMatchObject({ status: 404 });
	});

	it('serves an evidence file only within the scope, and only under its own school', async () => {
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const dc = await schoolIdByName(db, DONG_CUONG);
		const files = new LocalFileStorage(mkdtempSync(path.join(tmpdir(), 'trs-evidence-')));
		const storage = { files, maxBytes: 1024 };
		const stored = await files.put(Buffer.from('%PDF-1.4 test'));
		await inRolledBackTransaction(db, async (trx) => {
			const item = await trx
				.selectFrom('school_checklist_items')
				.select(['id', 'school_id'])
				.where('school_id', '=', qt)
				.orderBy('id')
				.limit(1)
				.executeTakeFirstOrThrow();
			const { id } = await trx
				.insertInto('checklist_evidence')
				.values({
					item_id: item.id,
					school_id: qt,
					kind: 'file',
					storage_key: stored.key,
					file_name: 'bien-ban.pdf',
					content_type: 'application/pdf',
					size_bytes: 10,
					label: null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			// The same real id: the school's admin and the department get it ...
			for (const email of ['quangtrung.admin@demo.example', 'so@demo.example']) {
				const file = await openEvidence(trx, await principalOf(trx, email), storage, qt, id);
				expect(file.fileName, email).toBe('bien-ban.pdf');
			}
			// ... another school's admin, an official of another area and a parent do not,
			for (const email of [
				'dongcuong.admin@demo.example',
				'vanyen@demo.example',
				'quangtrung.ph@demo.example'
			]) {
				await expect(
					openEvidence(trx, await principalOf(trx, email), storage, qt, id),
					email
				).rejects.toMatchObject({ status: 404 });
			}
			// ... nor does the department under another school's URL.
			await expect(
				openEvidence(trx, await principalOf(trx, 'so@demo.example'), storage, dc, id)
			).rejects.toMatchObject({ status: 404 });
		});
	});

	it('keeps the catalogue, templates and waves to the department', async () => {
		const official = await principalOf(db, 'vanyen@demo.example');
		await expect(listTemplates(db, official)).rejects.toMatchObject({ status: 404 });
		await expect(getWave(db, official, 1)).rejects.toMatchObject({ status: 404 });
		await expect(
			createPlatform(db, official, {
				code: 'x-test',
				nameVi: 'x',
				nameEn: 'x',
				group: 'teaching',
				descriptionVi: '',
				descriptionEn: '',
				howToVi: '',
				howToEn: '',
				requirementsVi: '',
				requirementsEn: '',
				vendors: '',
				sortOrder: 0
			})
		).rejects.toMatchObject({ status: 404 });
	});
});
