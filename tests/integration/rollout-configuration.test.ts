import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { createPlatform, setPlatformRetired } from '../../src/lib/server/rollout/catalogue-admin';
import { createRevision, createTemplate } from '../../src/lib/server/rollout/template-revisions';
import {
	deleteCriterion,
	getTemplate,
	saveCriterion,
	setTemplateStatus
} from '../../src/lib/server/rollout/templates';
import { applyTemplate } from '../../src/lib/server/rollout/apply';
import { createWave, updateWave } from '../../src/lib/server/rollout/waves';
import { setSchoolPlan } from '../../src/lib/server/rollout/school-rollout';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

const platformInput = (code: string) => ({
	code,
	nameVi: 'Sổ tay điện tử',
	nameEn: 'E-notebook',
	group: 'teaching' as const,
	descriptionVi: '',
	descriptionEn: '',
	howToVi: '',
	howToEn: '',
	requirementsVi: '',
	requirementsEn: '',
	vendors: '',
	sortOrder: 99
});

describe('platform catalogue', () => {
	it('adds a platform to every school and retires it without losing its rows and history', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const id = await createPlatform(db, dept, platformInput(`test-${Date.now() % 100000}`));
		const total = async () =>
			(
				await db
					.selectFrom('school_rollout_summary')
					.select('platforms_total')
					.where('school_id', '=', qt)
					.executeTakeFirstOrThrow()
			).platforms_total;
		const active = Number(
			(
				await db
					.selectFrom('platforms')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('retired_at', 'is', null)
					.executeTakeFirstOrThrow()
			).n
		);
		expect(await total()).toBe(active);
		const rows = await db
			.selectFrom('school_platforms')
			.select('school_id')
			.where('platform_id', '=', id)
			.execute();
		expect(rows.length).toBeGreaterThanOrEqual(123);
		await db.transaction().execute(async (trx) => {
			const { setSchoolPlatformStatus } = await import('../../src/lib/server/rollout/platforms');
			await setSchoolPlatformStatus(trx, {
				schoolId: qt,
				platformId: id,
				status: 'deploying',
				source: 'manual',
				actorUserId: dept.userId
			});
		});
		await setPlatformRetired(db, dept, id, true, 1);
		expect(await total()).toBe(active - 1);
		const kept = await db
			.selectFrom('school_platform_history')
			.select('to_status')
			.where('platform_id', '=', id)
			.execute();
		expect(kept.map((h) => h.to_status)).toEqual(['deploying']);
		expect(
			(
				await db
					.selectFrom('school_platforms')
					.select('school_id')
					.where('platform_id', '=', id)
					.execute()
			).length
		).toBe(rows.length);
		await expect(setPlatformRetired(db, dept, id, false, 1)).rejects.toMatchObject({
			entity: 'platform'
		});
	});

	it('refuses a duplicate code', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		await expect(createPlatform(db, dept, platformInput('lms'))).rejects.toMatchObject({
			code: 'v_duplicate'
		});
	});
});

describe('checklist templates', () => {
	it('edits only drafts, publishes, copies a published revision into a new draft', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const id = await createTemplate(db, dept, {
			code: `tt-${Date.now() % 100000}`,
			kind: 'model',
			nameVi: 'Mẫu thử',
			nameEn: 'Test',
			descriptionVi: '',
			descriptionEn: '',
			isVerified: true
		});
		await expect(setTemplateStatus(db, dept, id, 'published', 1)).rejects.toMatchObject({
			code: 'rollout_template_empty'
		});
		const criterion = {
			groupCode: 'management' as const,
			code: 'A.1',
			titleVi: 'Tiêu chí',
			titleEn: 'Criterion',
			guidanceVi: '',
			guidanceEn: '',
			maxPoints: 10,
			isMandatory: true,
			evidenceRequired: true,
			dueOffsetDays: 30,
			dueOn: null,
			platformId: null,
			sortOrder: 1,
			version: 1
		};
		await saveCriterion(db, dept, id, null, criterion);
		await expect(
			saveCriterion(db, dept, id, null, { ...criterion, code: 'A.2' })
		).rejects.toMatchObject({ entity: 'checklist_template' });
		await saveCriterion(db, dept, id, null, { ...criterion, code: 'A.2', version: 2 });
		const draft = await getTemplate(db, dept, id);
		await deleteCriterion(db, dept, id, draft.criteria.find((c) => c.code === 'A.2')!.id, 3);
		await setTemplateStatus(db, dept, id, 'published', 4);
		await expect(
			saveCriterion(db, dept, id, null, { ...criterion, code: 'A.3', version: 5 })
		).rejects.toMatchObject({ code: 'rollout_template_not_draft' });
		const copy = await createRevision(db, dept, id);
		const next = await getTemplate(db, dept, copy);
		expect(next.template).toMatchObject({ revision: 2, status: 'draft' });
		expect(next.criteria.map((c) => c.code)).toEqual(['A.1']);
		await expect(
			applyTemplate(db, dept, copy, { target: 'all', areaId: null, waveId: null })
		).rejects.toMatchObject({ code: 'rollout_template_not_published' });
	});
});

describe('waves and mentors', () => {
	it('refuses a wave number already taken and a stale edit', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const id = await createWave(db, dept, {
			ordinal: 90 + (Date.now() % 9),
			name: 'Đợt thử',
			startsOn: '2027-01-01',
			targetOn: '2027-06-30',
			note: null
		});
		await expect(
			createWave(db, dept, {
				ordinal: (
					await db
						.selectFrom('rollout_waves')
						.select('ordinal')
						.where('id', '=', id)
						.executeTakeFirstOrThrow()
				).ordinal,
				name: 'x',
				startsOn: '2027-01-01',
				targetOn: '2027-02-01',
				note: null
			})
		).rejects.toMatchObject({ code: 'rollout_wave_ordinal_taken' });
		await expect(
			updateWave(db, dept, id, {
				ordinal: 95,
				name: 'Đợt thử',
				startsOn: '2027-01-01',
				targetOn: '2027-07-31',
				note: null,
				version: 7
			})
		).rejects.toMatchObject({ entity: 'rollout_wave' });
	});

	it('accepts only a finished school of an earlier wave as mentor', async () => {
		const dept = await principalOf(db, 'so@demo.example');
		const dc = await schoolIdByName(db, 'Trường TH&THCS Đông Cuông');
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const plan = await db
			.selectFrom('school_waves')
			.select(['wave_id', 'version'])
			.where('school_id', '=', dc)
			.executeTakeFirstOrThrow();
		await expect(
			setSchoolPlan(db, dept, dc, {
				waveId: plan.wave_id,
				mentorSchoolId: dc,
				version: plan.version
			})
		).rejects.toMatchObject({ code: 'rollout_mentor_not_allowed' });
		await setSchoolPlan(db, dept, dc, {
			waveId: plan.wave_id,
			mentorSchoolId: qt,
			version: plan.version
		});
		await expect(
			setSchoolPlan(db, dept, dc, {
				waveId: plan.wave_id,
				mentorSchoolId: qt,
				version: plan.version
			})
		).rejects.toMatchObject({ entity: 'school_wave' });
		await expect(
			setSchoolPlan(db, await principalOf(db, 'vanyen@demo.example'), dc, {
				waveId: plan.wave_id,
				mentorSchoolId: qt,
				version: plan.version + 1
			})
		).rejects.toMatchObject({ status: 404 });
	});
});
