import { z } from 'zod';
import { SCHOOL_LEVEL_VALUES } from '../../../types';
import { CHECKLIST_STATUSES, PLATFORM_STATUSES } from '../../../rollout/statuses';
import type { PathsObject } from '../openapi';
import { MAX_ID } from '$lib/schemas/common';

const level = z.number().int().min(1).max(3).nullable();
const groupScore = z.object({ score: z.number().nullable(), level });

export const rolloutSchoolSchema = z.object({
	id: z.number().int(),
	code: z.string(),
	name: z.string(),
	area: z.object({ id: z.number().int(), name: z.string() }),
	wave: z
		.object({ id: z.number().int(), name: z.string(), targetOn: z.string().nullable() })
		.nullable(),
	platforms: z.object({
		total: z.number().int(),
		/** deployed or in use */
		deployed: z.number().int(),
		inUse: z.number().int(),
		byCode: z.record(z.string(), z.enum(PLATFORM_STATUSES))
	}),
	checklist: z.object({
		status: z.enum(CHECKLIST_STATUSES).nullable(),
		completed: z.number().int(),
		total: z.number().int(),
		percent: z.number()
	}),
	dti: z.object({ teaching: groupScore, management: groupScore }),
	atRisk: z.boolean()
});

export const rolloutSchoolsSchema = z.object({ schools: z.array(rolloutSchoolSchema) });

export const rolloutQuerySchema = z.object({
	areaId: z.coerce.number().int().positive().max(MAX_ID).optional(),
	level: z.enum(SCHOOL_LEVEL_VALUES).optional(),
	waveId: z.coerce.number().int().positive().max(MAX_ID).optional(),
	atRisk: z.enum(['true', 'false']).optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(5000).default(500)
});

export const rolloutSummaryQuerySchema = rolloutQuerySchema.pick({
	areaId: true,
	level: true,
	waveId: true
});

const levels = z.object({
	level1: z.number().int(),
	level2: z.number().int(),
	level3: z.number().int(),
	notAssessed: z.number().int()
});

export const rolloutSummarySchema = z.object({
	asOf: z.string(),
	schools: z.number().int(),
	allPlatformsInUse: z.number().int(),
	/** schools whose every platform is in use by measured usage (beside the declared figure) */
	allPlatformsMeasuredInUse: z.number().int(),
	checklistsApproved: z.number().int(),
	completed: z.number().int(),
	awaitingReview: z.number().int(),
	atRisk: z.number().int(),
	late: z.number().int(),
	mandatoryOverdue: z.number().int(),
	averageChecklistPercent: z.number(),
	dtiLevels: z.object({ teaching: levels, management: levels }),
	waves: z.array(
		z.object({
			id: z.number().int(),
			name: z.string(),
			startsOn: z.string(),
			targetOn: z.string(),
			schools: z.number().int(),
			expectedDone: z.number().int(),
			done: z.number().int(),
			late: z.number().int()
		})
	)
});

export const rolloutPaths: PathsObject = {
	'/rollout/schools': {
		get: {
			summary:
				'The rollout of each school in the caller’s scope: platform statuses, checklist totals, Decision 4725 levels, at risk. Paged (pageSize, page); the total is in the X-Total-Count header.',
			tags: ['rollout'],
			query: rolloutQuerySchema,
			responses: { '200': { schema: rolloutSchoolsSchema }, '400': { description: 'Bad query' } }
		}
	},
	'/rollout/summary': {
		get: {
			summary:
				'Headline figures of the rollout in the caller’s scope (the dashboard’s), with plan against actual per wave',
			tags: ['rollout'],
			query: rolloutSummaryQuerySchema,
			responses: { '200': { schema: rolloutSummarySchema }, '400': { description: 'Bad query' } }
		}
	}
};
