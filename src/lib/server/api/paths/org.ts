import { z } from 'zod';
import { SCHOOL_LEVEL_VALUES } from '../../../types';
import type { PathsObject } from '../openapi';
import { MAX_ID, str } from '$lib/schemas/common';

export const roleSchema = z.object({
	role: z.enum(['department', 'area', 'school_admin', 'teacher', 'parent']),
	departmentId: z.number().int().optional(),
	areaId: z.number().int().optional(),
	schoolId: z.number().int().optional()
});

export const meSchema = z.object({
	id: z.number().int(),
	email: z.string().nullable(),
	phone: z.string().nullable(),
	name: z.string(),
	roles: z.array(roleSchema)
});

const areaRef = z.object({ id: z.number().int(), name: z.string() });

export const schoolSummarySchema = z.object({
	id: z.number().int(),
	code: z.string(),
	name: z.string(),
	level: z.enum(SCHOOL_LEVEL_VALUES),
	area: areaRef
});

export const schoolListSchema = z.object({
	schools: z.array(schoolSummarySchema),
	total: z.number().int(),
	page: z.number().int(),
	pages: z.number().int()
});

export const schoolDetailSchema = schoolSummarySchema.extend({
	commune: z.string().nullable(),
	address: z.string().nullable(),
	principalName: z.string().nullable(),
	phone: z.string().nullable(),
	email: z.string().nullable(),
	/** pupils and classes listed in the portal's roster */
	studentCount: z.number().int(),
	classCount: z.number().int(),
	/** pupils and classes the school declares (its statistics; null: not declared) */
	declaredStudentCount: z.number().int().nullable(),
	declaredClassCount: z.number().int().nullable(),
	staffCount: z.number().int(),
	active: z.boolean()
});

export const schoolQuerySchema = z.object({
	q: str().trim().max(100).optional(),
	areaId: z.coerce.number().int().positive().max(MAX_ID).optional(),
	level: z.enum(SCHOOL_LEVEL_VALUES).optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(1000).default(200)
});

export const orgPaths: PathsObject = {
	'/me': {
		get: {
			summary: 'The signed-in user and their role assignments',
			tags: ['org'],
			responses: { '200': { schema: meSchema } }
		}
	},
	'/schools': {
		get: {
			summary:
				'Schools the caller may see (department: all; area official: the area; school staff: their school)',
			tags: ['org'],
			query: schoolQuerySchema,
			responses: { '200': { schema: schoolListSchema } }
		}
	},
	'/schools/{id}': {
		get: {
			summary: 'One school; 404 when it does not exist or is outside the caller’s scope',
			tags: ['org'],
			params: ['id'],
			responses: { '200': { schema: schoolDetailSchema }, '404': { description: 'Not found' } }
		}
	}
};
