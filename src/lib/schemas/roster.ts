import { z } from 'zod';
import { foldText } from '$lib/text';
import {
	id,
	isoDate,
	optionalEmail,
	phone,
	text,
	version,
	str,
	searchQuery,
	queryId,
	FORM_KEY
} from './common';

/**
 * The roster forms (staff, classes, students, guardians, accounts). The import of each kind
 * validates its rows with the same field schemas (see $lib/server/roster/import/), so a value
 * accepted by a form is accepted in a file and the other way round. Enumerations accept their
 * stored value (what a select posts) and the Vietnamese or English label (what a file holds).
 */

export const STAFF_POSITIONS = ['principal', 'vice_principal', 'teacher', 'staff'] as const;
export const GENDERS = ['M', 'F'] as const;
export const RELATIONSHIPS = ['father', 'mother', 'guardian', 'grandparent', 'other'] as const;
export const SCHOOL_ROLES = ['teacher', 'school_admin'] as const;

/** Labels (folded: lower case, no diacritics) accepted for each stored value. */
const LABELS = {
	position: {
		principal: ['hieu truong', 'principal', 'head teacher', 'ht'],
		vice_principal: ['pho hieu truong', 'vice principal', 'deputy head', 'pht'],
		teacher: ['giao vien', 'teacher', 'gv'],
		staff: ['nhan vien', 'staff', 'nv']
	},
	gender: {
		M: ['nam', 'male', 'm', 'trai'],
		F: ['nu', 'female', 'f', 'gai']
	},
	relationship: {
		father: ['bo', 'cha', 'father'],
		mother: ['me', 'mother'],
		guardian: ['nguoi giam ho', 'giam ho', 'guardian'],
		// "Bà" (grandmother) folds to "ba", which in the South also means father: the province is
		// in the North, so it reads as grandparent.
		grandparent: [
			'ong',
			'ba',
			'ong ba',
			'ong/ba',
			'ba noi',
			'ba ngoai',
			'ong noi',
			'ong ngoai',
			'grandparent'
		],
		other: ['khac', 'other']
	}
} as const;

function fromLabel<T extends string>(values: readonly T[], labels: Record<T, readonly string[]>) {
	return (raw: string): string => {
		const folded = foldText(raw);
		for (const v of values) {
			if (foldText(v) === folded || labels[v].some((l) => foldText(l) === folded)) return v;
		}
		return raw;
	};
}

/** A required choice given by value or label. */
function labelled<T extends string>(
	values: readonly [T, ...T[]],
	labels: Record<T, readonly string[]>
) {
	return str().trim().transform(fromLabel(values, labels)).pipe(z.enum(values));
}

/** An optional choice: empty input is null. */
function optionalLabelled<T extends string>(
	values: readonly [T, ...T[]],
	labels: Record<T, readonly string[]>
) {
	return str()
		.optional()
		.nullable()
		.transform((v) => (v ?? '').trim())
		.transform((v) => (v === '' ? null : fromLabel(values, labels)(v)))
		.pipe(z.enum(values).nullable());
}

/** A roster code (teacher code, student code): letters, digits, dot, dash, underscore. */
export const code = str()
	.transform((v) => v.normalize('NFC').trim())
	.pipe(
		str()
			.min(1)
			.max(30)
			.regex(/^[\p{L}\p{N}._-]+$/u, 'roster_v_code')
	);

export const position = labelled(STAFF_POSITIONS, LABELS.position);
export const gender = optionalLabelled(GENDERS, LABELS.gender);
export const relationship = labelled(RELATIONSHIPS, LABELS.relationship);
export const grade = z.coerce.number().int().min(1).max(12);
/** An optional reference chosen in a select: '' means none. */
export const optionalId = z
	.union([z.literal(''), z.null(), z.undefined(), z.coerce.number().int().positive()])
	.transform((v) => (typeof v === 'number' ? v : null));

export const staffFields = {
	code,
	fullName: text(120),
	email: optionalEmail,
	phone,
	position
};
export const staffSchema = z.object({
	...staffFields,
	subjectIds: z.array(z.coerce.number().int().positive()).max(30).default([])
});
export const staffEditSchema = staffSchema.extend({ version });
/** What the staff form component edits (create has no version yet). */
export type StaffFormData = z.infer<typeof staffSchema> & { version?: number };

export const classFields = { grade, name: text(30) };
export const classSchema = z.object({ ...classFields, homeroomStaffId: optionalId });
export const classEditSchema = classSchema.extend({ version });
export type ClassFormData = z.infer<typeof classSchema> & { version?: number };

export const studentFields = {
	code,
	fullName: text(120),
	dateOfBirth: isoDate,
	gender
};
export const studentSchema = z.object({
	...studentFields,
	ethnicityCode: str()
		.optional()
		.nullable()
		.transform((v) => (v ?? '').trim() || null)
		.pipe(
			str()
				.regex(/^\d{2}$/, 'v_choice')
				.nullable()
		),
	classId: optionalId
});
export const studentEditSchema = studentSchema.extend({ version });
export type StudentFormData = z.infer<typeof studentSchema> & { version?: number };

export const guardianFields = { fullName: text(120), phone, email: optionalEmail };
export const guardianSchema = z.object(guardianFields);
export const guardianEditSchema = guardianSchema.extend({ version });
export type GuardianFormData = z.infer<typeof guardianSchema> & { version?: number };

/** A new guardian created from the student's page and linked at once. */
export const newGuardianLinkSchema = guardianSchema.extend({ relationship });
/** An existing guardian of the school, found by phone number, linked to the student. */
export const existingGuardianLinkSchema = z.object({
	guardianPhone: phone.pipe(z.string({ error: 'v_required' })),
	relationship
});
export type NewGuardianLinkData = z.infer<typeof newGuardianLinkSchema>;
export type ExistingGuardianLinkData = z.infer<typeof existingGuardianLinkSchema>;
/** From the guardian's page: a student of the school by code. */
export const studentLinkSchema = z.object({ studentCode: code, relationship });
export type StudentLinkData = z.infer<typeof studentLinkSchema>;

const passwordChoice = {
	passwordMode: z.enum(['generate', 'manual']).default('generate'),
	password: str().max(200).optional().default(''),
	/** The page's one-time form key: the same key twice shows the same answer (idempotent). */
	formKey: z.string().regex(FORM_KEY)
};
function checkPassword(v: { passwordMode: string; password?: string }, ctx: z.RefinementCtx) {
	if (v.passwordMode === 'manual' && (v.password ?? '').length < 8)
		ctx.addIssue({ code: 'custom', path: ['password'], message: 'v_too_short|{"min":8}' });
}

/** Inviting a staff member or guardian by e-mail: no password (the slip's code activates). */
/** The slip's code is shown once: the form key makes a repeated POST show the same slip. */
export const staffAccountSchema = z.object({
	email: str().trim().toLowerCase().max(254).pipe(z.email()),
	roles: z.array(z.enum(SCHOOL_ROLES)).min(1, 'roster_v_role').max(2),
	formKey: z.string().regex(FORM_KEY)
});
export const guardianAccountSchema = z.object({
	email: str().trim().toLowerCase().max(254).pipe(z.email()),
	formKey: z.string().regex(FORM_KEY)
});
export const resetPasswordSchema = z.object(passwordChoice).superRefine(checkPassword);
export const accountRolesSchema = z.object({
	roles: z.array(z.enum(SCHOOL_ROLES)).min(1, 'roster_v_role').max(2)
});

/** List pages: search, active/inactive, page. */
export const rosterFiltersSchema = z.object({
	q: searchQuery,
	status: z.enum(['active', 'inactive', 'all']).optional().catch(undefined),
	classId: queryId,
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});
export type RosterFilters = z.infer<typeof rosterFiltersSchema>;

/** Deactivate / reactivate a row: the version of the row the user saw. */
export const statusSchema = z.object({ version, active: z.enum(['true', 'false']) });

export const idSchema = z.object({ id });

/** Lock or unlock an account. */
export const accountAccessSchema = z.object({ active: z.enum(['true', 'false']) });
/** Removing access names the account the page showed (a stale page removes nothing). */
export const accountRemoveSchema = z.object({ email: z.string().trim().min(1) });

export type PasswordFormData = z.infer<typeof resetPasswordSchema>;
export type RolesFormData = z.infer<typeof accountRolesSchema>;
/** The account form of staff (with roles) and guardians (always role parent). */
export type AccountFormData = {
	email: string;
	roles?: z.infer<typeof accountRolesSchema>['roles'];
	formKey: string;
};

/** Import upload: a school's roster file (staff, classes, students, guardians). */
export const schoolImportSchema = z.object({
	kind: z.enum(['staff', 'classes', 'students', 'guardians']),
	updateExisting: z.boolean().default(false),
	file: z.instanceof(File, { message: 'roster_import_no_file' })
});
/** Import upload: the department's schools file. */
export const schoolsImportSchema = z.object({
	updateExisting: z.boolean().default(false),
	file: z.instanceof(File, { message: 'roster_import_no_file' })
});
export type ImportUploadData = {
	kind?: 'staff' | 'classes' | 'students' | 'guardians';
	updateExisting: boolean;
	file: File;
};
