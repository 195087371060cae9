import { z } from 'zod';
import { foldText } from '../../../text';
import { SCHOOL_LEVEL_VALUES } from '../../../types';
import { guardianFields, code, relationship } from '../../../schemas/roster';
import { schoolCode, schoolFields } from '../../../schemas/org';
import { text } from '../../../schemas/common';
import {
	markDuplicates,
	parseRow,
	restorePhone,
	type ImportRecord,
	type RowError
} from './records';
import { existing, rawKey } from './validate-people';
import type { GuardianPlan, ImportLookups, ImportOptions, SchoolPlan } from './types';

const guardianRow = z.object({ studentCode: code, ...guardianFields, relationship });

/**
 * Guardians file: one row per guardian and pupil. A guardian is recognised by phone (else e-mail)
 * among the school's guardians and the file's other rows, so siblings share one guardian.
 */
export function validateGuardians(
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): GuardianPlan {
	const students = new Map((lookups.students ?? []).map((s) => [s.code, s.id]));
	const byPhone = new Map<string, number>();
	const byEmail = new Map<string, number>();
	for (const g of lookups.guardians ?? []) {
		if (g.phone && !byPhone.has(g.phone)) byPhone.set(g.phone, g.id);
		if (g.email && !byEmail.has(g.email.toLowerCase())) byEmail.set(g.email.toLowerCase(), g.id);
	}
	const plan: GuardianPlan = { guardians: [], links: [] };
	const keys = new Set<string>();
	for (const r of records) {
		const data = parseRow(
			guardianRow,
			r,
			{ ...r.values, phone: restorePhone(r.values.phone) },
			errors
		);
		const studentId = data ? students.get(data.studentCode) : undefined;
		if (data && studentId === undefined)
			errors.push({
				row: r.row,
				field: 'studentCode',
				code: 'roster_import_unknown_student',
				params: { value: data.studentCode },
				value: data.studentCode
			});
		if (!data || studentId === undefined) continue;
		const key = data.phone ? `p:${data.phone}` : data.email ? `e:${data.email}` : null;
		if (!key) {
			errors.push({ row: r.row, field: 'phone', code: 'roster_import_guardian_identity' });
			continue;
		}
		const existingId =
			(data.phone ? byPhone.get(data.phone) : undefined) ??
			(data.email ? byEmail.get(data.email) : undefined) ??
			null;
		if (!keys.has(key)) {
			keys.add(key);
			plan.guardians.push({
				key,
				existingId,
				fullName: data.fullName,
				phone: data.phone,
				email: data.email
			});
		}
		const exists = existingId !== null && !!lookups.links?.has(`${studentId}:${existingId}`);
		if (exists && !options.updateExisting) {
			errors.push({
				row: r.row,
				field: 'studentCode',
				code: 'roster_import_link_exists',
				value: data.studentCode
			});
			continue;
		}
		plan.links.push({
			row: r.row,
			guardianKey: key,
			studentId,
			relationship: data.relationship,
			exists
		});
	}
	markDuplicates(plan.links, (l) => `${l.guardianKey}|${l.studentId}`, 'studentCode', errors);
	return plan;
}

/** "THCS", "TH&THCS", "PTDTBT TH&THCS", "Tiểu học", "Mầm non" -> the stored level. */
export function levelFromText(value: string): string {
	const folded = foldText(value);
	if (folded === 'mam non') return 'MN';
	if (folded === 'tieu hoc') return 'TH';
	const v = value.toUpperCase().replace(/\s*&\s*|\s+|-/g, '_');
	return (SCHOOL_LEVEL_VALUES as readonly string[]).includes(v) ? v : value;
}

const schoolRow = z.object({
	code: schoolCode,
	name: schoolFields.name,
	level: z.string().trim().transform(levelFromText).pipe(schoolFields.level),
	area: text(100),
	commune: schoolFields.commune,
	address: schoolFields.address,
	principalName: schoolFields.principalName,
	phone: schoolFields.phone,
	email: schoolFields.email
});

export function validateSchools(
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): SchoolPlan[] {
	const areas = lookups.areas ?? [];
	const schools = new Map((lookups.schools ?? []).map((s) => [s.code, s]));
	const dupes = markDuplicates(
		records,
		(r) => rawKey(r.values.code?.toUpperCase()),
		'code',
		errors
	);
	const plan: SchoolPlan[] = [];
	for (const r of records) {
		const data = parseRow(
			schoolRow,
			r,
			{ ...r.values, phone: restorePhone(r.values.phone) },
			errors
		);
		if (!data || dupes.has(r)) continue;
		const key = foldText(data.area);
		const area = areas.find((a) => foldText(a.code) === key || foldText(a.name) === key);
		if (!area) {
			errors.push({
				row: r.row,
				field: 'area',
				code: 'roster_import_unknown_area',
				params: { value: data.area },
				value: data.area
			});
			continue;
		}
		const known = schools.get(data.code);
		if (known && !known.inScope) {
			errors.push({
				row: r.row,
				field: 'code',
				code: 'roster_import_code_in_other_department',
				value: data.code
			});
			continue;
		}
		const id = existing(known?.id, r, 'code', options, errors);
		if (id === undefined) continue;
		const { area: _area, ...rest } = data;
		plan.push({ ...rest, areaId: area.id, row: r.row, existingId: id });
	}
	return plan;
}
