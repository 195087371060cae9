import { z } from 'zod';
import { SCHOOL_LEVEL_VALUES } from '$lib/types';
import {
	ITEM_STATUSES,
	PLATFORM_GROUPS,
	PLATFORM_STATUSES,
	TEMPLATE_KINDS
} from '$lib/rollout/statuses';
import {
	id,
	optionalDate,
	optionalMultiline,
	optionalText,
	text,
	isoDate,
	version as formVersion,
	str,
	queryId
} from './common';

const version = z.number().int().min(1);
const longText = (max = 4000) => optionalMultiline(max).transform((v) => v ?? '');
const optionalId = z.number().int().positive().nullable();
const webUrl = str()
	.trim()
	.max(2000)
	.refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'rollout_v_url');
const optionalUrl = str()
	.trim()
	.max(2000)
	.optional()
	.nullable()
	.transform((v) => v || null)
	.refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), 'rollout_v_url');

/** The department's catalogue entry of a required platform. */
export const platformSchema = z.object({
	code: str()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'rollout_v_code'),
	nameVi: text(200),
	nameEn: text(200),
	group: z.enum(PLATFORM_GROUPS),
	descriptionVi: longText(),
	descriptionEn: longText(),
	howToVi: longText(),
	howToEn: longText(),
	requirementsVi: longText(),
	requirementsEn: longText(),
	vendors: longText(1000),
	sortOrder: z.number().int().min(0).max(999).default(0),
	version: version.optional()
});
export type PlatformInput = z.infer<typeof platformSchema>;

/** A school's deployment of one platform (school admin). */
export const schoolPlatformSchema = z.object({
	status: z.enum(PLATFORM_STATUSES),
	vendor: optionalText(200),
	goLiveOn: optionalDate,
	evidenceUrl: optionalUrl,
	responsibleStaffId: optionalId,
	note: optionalMultiline(2000),
	changeNote: optionalText(500),
	version
});
export type SchoolPlatformInput = z.infer<typeof schoolPlatformSchema>;

/** A checklist item as the school fills it. */
export const itemSchema = z.object({
	status: z.enum(ITEM_STATUSES),
	selfScore: z.number().min(0).max(100).nullable(),
	responsibleStaffId: optionalId,
	dueOn: optionalDate,
	note: optionalMultiline(2000),
	version
});
export type ItemInput = z.infer<typeof itemSchema>;

/** The reviewer's score and decision on one item (external assessment). */
export const itemReviewSchema = z
	.object({
		reviewerScore: z.number().min(0).max(100).nullable(),
		decision: z.enum(['', 'accepted', 'returned']).default(''),
		comment: optionalMultiline(2000),
		version
	})
	.refine((v) => v.decision !== 'returned' || !!v.comment, {
		message: 'rollout_v_reason_required',
		path: ['comment']
	});
export type ItemReviewInput = z.infer<typeof itemReviewSchema>;

export const evidenceLinkSchema = z.object({
	url: webUrl,
	label: optionalText(200)
});

/** A step of the workflow (submit, withdraw, approve, return, recall) on a checklist. */
export const checklistActionSchema = z.object({
	action: z.enum(['submit', 'withdraw', 'approve', 'return', 'recall']),
	reason: optionalMultiline(2000),
	version: z.coerce.number().int().min(1)
});

export const waveSchema = z
	.object({
		ordinal: z.number().int().min(0).max(99),
		name: text(120),
		startsOn: isoDate,
		targetOn: isoDate,
		note: optionalMultiline(2000),
		version: version.optional()
	})
	.refine((w) => w.targetOn >= w.startsOn, {
		message: 'rollout_v_target_before_start',
		path: ['targetOn']
	});
export type WaveInput = z.infer<typeof waveSchema>;

/** Put the schools of an area (optionally one level) into a wave. */
export const waveAssignSchema = z.object({
	areaId: z.number().int().positive(),
	level: z.enum(['', ...SCHOOL_LEVEL_VALUES]).default(''),
	onlyUnassigned: z.boolean().default(true)
});

/** A school's wave and mentor (department). */
export const schoolPlanSchema = z.object({
	waveId: z.number().int().positive(),
	mentorSchoolId: optionalId,
	version: z.number().int().min(0)
});

export const templateSchema = z.object({
	code: str()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'rollout_v_code'),
	kind: z.enum(TEMPLATE_KINDS),
	nameVi: text(200),
	nameEn: text(200),
	descriptionVi: longText(),
	descriptionEn: longText(),
	isVerified: z.boolean().default(true)
});

export const criterionSchema = z
	.object({
		groupCode: z.enum(PLATFORM_GROUPS),
		code: str()
			.trim()
			.regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,20}$/, 'rollout_v_code'),
		titleVi: text(300),
		titleEn: text(300),
		guidanceVi: longText(),
		guidanceEn: longText(),
		maxPoints: z.number().min(0).max(100),
		isMandatory: z.boolean().default(false),
		evidenceRequired: z.boolean().default(false),
		dueOffsetDays: z.number().int().min(0).max(3650).nullable(),
		dueOn: optionalDate,
		platformId: optionalId,
		sortOrder: z.number().int().min(0).max(999).default(0),
		/** the template's version: criteria of a draft template are edited under its version */
		version
	})
	.refine((c) => c.dueOffsetDays === null || c.dueOn === null, {
		message: 'rollout_v_one_due',
		path: ['dueOn']
	});
export type CriterionInput = z.infer<typeof criterionSchema>;

export const applySchema = z
	.object({
		target: z.enum(['all', 'area', 'wave']),
		areaId: optionalId,
		waveId: optionalId
	})
	.refine((a) => a.target !== 'area' || a.areaId !== null, {
		message: 'v_required',
		path: ['areaId']
	})
	.refine((a) => a.target !== 'wave' || a.waveId !== null, {
		message: 'v_required',
		path: ['waveId']
	});
export type ApplyInput = z.infer<typeof applySchema>;

/** The dashboard's and the export's filters (GET parameters; a bad value is ignored). */
export const rolloutFiltersSchema = z.object({
	area: queryId,
	level: z.enum(SCHOOL_LEVEL_VALUES).optional().catch(undefined),
	wave: queryId,
	mpage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
	rpage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
	apage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined)
});
export type RolloutFilters = z.infer<typeof rolloutFiltersSchema>;

/** The small buttons of the rollout pages (hidden ids and versions). */
export const criterionDeleteSchema = z.object({ criterionId: id, version: formVersion });
export const templateStatusSchema = z.object({
	to: z.enum(['published', 'retired']),
	version: formVersion
});
export const templateRevisionSchema = z.object({ version: formVersion });
export const evidenceRemoveSchema = z.object({ evidenceId: id });
export const platformRetireSchema = z.object({ retire: z.enum(['0', '1']), version: formVersion });
