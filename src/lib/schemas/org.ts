import { z } from 'zod';
import { SCHOOL_LEVEL_VALUES } from '$lib/types';
import {
	id,
	optionalEmail,
	optionalText,
	text,
	version,
	str,
	searchQuery,
	queryId
} from './common';

export const schoolFiltersSchema = z.object({
	q: searchQuery,
	area: queryId,
	level: z.enum(SCHOOL_LEVEL_VALUES).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});

/** A school's phone: a landline has 11 digits with its area code (0216 …), a mobile 10. */
export const schoolPhone = str()
	.optional()
	.nullable()
	.transform((v) => {
		const raw = (v ?? '').replace(/[\s.()-]/g, '');
		if (!raw) return null;
		return raw.startsWith('+84') ? `0${raw.slice(3)}` : raw;
	})
	.pipe(
		str()
			.regex(/^0\d{9,10}$/, 'v_phone')
			.nullable()
	);

/** A school's master data (department only). The code is the official one: set at creation. */
export const schoolFields = {
	name: text(200),
	level: z.enum(SCHOOL_LEVEL_VALUES),
	areaId: id,
	commune: optionalText(100),
	address: optionalText(300),
	principalName: optionalText(120),
	phone: schoolPhone,
	email: optionalEmail,
	/** what the school declares (its statistics); the roster lists its own count beside it */
	declaredStudents: z.number().int().min(0).max(100_000).nullable(),
	declaredClasses: z.number().int().min(0).max(5_000).nullable()
};
export const schoolCode = str()
	.transform((v) => v.trim().toUpperCase())
	.pipe(
		str()
			.min(1)
			.max(30)
			.regex(/^[A-Z0-9._-]+$/, 'roster_v_code')
	);
export const schoolCreateSchema = z.object({ code: schoolCode, ...schoolFields });
export const schoolEditSchema = z.object({ ...schoolFields, version });

export type SchoolFormData = z.infer<z.ZodObject<typeof schoolFields>> & {
	code?: string;
	version?: number;
};
