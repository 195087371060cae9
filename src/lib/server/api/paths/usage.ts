import { z } from 'zod';
import type { PathsObject } from '../openapi';

/** Request and answer shapes of the usage endpoints (also checked by the tests). */
export const usageEventBodySchema = z.object({
	events: z
		.array(
			z.object({
				id: z
					.string()
					.describe('The event id in the reporting platform (idempotency key per token)'),
				platform: z.string().describe('Platform code of the catalogue, e.g. "lms"'),
				teacherEmail: z.string().describe('E-mail of the teacher at a school in the token’s scope'),
				occurredAt: z
					.string()
					.describe('ISO 8601; without an offset it is read as Vietnam time (UTC+7)'),
				durationMinutes: z.number().int().min(0).max(1440).optional(),
				className: z.string().max(60).optional(),
				students: z.number().int().min(0).max(5000).optional()
			})
		)
		.max(1000)
});

export const usageIngestAnswerSchema = z.object({
	accepted: z.number().int(),
	duplicates: z.number().int(),
	rejected: z.array(z.object({ index: z.number().int(), errors: z.array(z.string()) }))
});

const status = z.enum(['not_started', 'deploying', 'deployed', 'in_use']);

export const schoolAdoptionSchema = z.object({
	schoolId: z.number().int(),
	date: z.string(),
	threshold: z.number().int(),
	teachers: z.number().int(),
	platforms: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			status,
			activeTeachers7: z.number().int(),
			activeTeachers30: z.number().int(),
			share30: z.number().nullable(),
			sessions30: z.number().int(),
			minutes30: z.number().int(),
			classes30: z.number().int()
		})
	),
	weeks: z.array(
		z.object({
			week: z.string(),
			sessions: z.number().int(),
			activeTeachers: z.number().int(),
			share: z.number().nullable()
		})
	)
});

export const usagePaths: PathsObject = {
	'/usage-events': {
		post: {
			summary:
				'Usage events reported by a platform (Bearer API token). Valid events are stored even when others are rejected; an event id already received with the same token counts as a duplicate. At most 1000 events (413 above).',
			tags: ['usage'],
			auth: 'token',
			body: usageEventBodySchema,
			responses: {
				'200': { schema: usageIngestAnswerSchema },
				'400': { description: 'The body is not JSON or has no events array' },
				'413': { description: 'More than 1000 events' },
				'429': {
					description:
						'More requests with this token in the current minute than the limit (USAGE_API_RATE_PER_MINUTE, default 120): {"error":"rate_limited"}, with Retry-After in seconds'
				}
			}
		}
	},
	'/schools/{id}/adoption': {
		get: {
			summary:
				'Adoption figures of a school: active teachers in 7 and 30 days, sessions, minutes, classes reached, weekly trend',
			tags: ['usage'],
			params: ['id'],
			responses: { '200': { schema: schoolAdoptionSchema }, '404': { description: 'Not found' } }
		}
	}
};
