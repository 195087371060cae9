import { z } from 'zod';
import { foldText } from '../../../text';
import { gradesOf } from '../../../school-levels';
import { classFields, staffFields, studentFields } from '../../../schemas/roster';
import {
	markDuplicates,
	parseRow,
	restorePhone,
	type ImportRecord,
	type RowError
} from './records';
import type { ClassPlan, ImportLookups, ImportOptions, StaffPlan, StudentPlan } from './types';

/** The same field schemas as the staff, class and student forms; references are looked up here. */
const staffRow = z.object(staffFields);
const classRow = z.object(classFields);
const studentRow = z.object(studentFields);

/** A code that exists already: an update when the user asked for updates, else an error. */
export function existing(
	id: number | undefined,
	record: ImportRecord,
	field: string,
	options: ImportOptions,
	errors: RowError[]
): number | null | undefined {
	if (id === undefined) return null;
	if (options.updateExisting) return id;
	errors.push({
		row: record.row,
		field,
		code: 'roster_import_exists',
		value: record.values[field]
	});
	return undefined;
}

/** The key of a row for duplicate checks (null: empty, checked as missing instead). */
export const rawKey = (value: string | undefined | null) => (value ? value.trim() || null : null);

const unknown = (record: ImportRecord, field: string, code: string, value: string): RowError => ({
	row: record.row,
	field,
	code,
	params: { value },
	value
});

/** Subjects by code or name ("Toán; Tin học"), among the subjects of the school's level. */
function subjectIds(record: ImportRecord, lookups: ImportLookups, errors: RowError[]) {
	const ids: number[] = [];
	const tokens = (record.values.subjects ?? '').split(/[;,/\n]+/).map((t) => t.trim());
	for (const token of tokens.filter(Boolean)) {
		const key = foldText(token);
		const found = (lookups.subjects ?? []).filter(
			(s) => foldText(s.code) === key || foldText(s.name_vi) === key || foldText(s.name_en) === key
		);
		if (!found.length)
			errors.push(unknown(record, 'subjects', 'roster_import_unknown_subject', token));
		ids.push(...found.map((s) => s.id));
	}
	return [...new Set(ids)];
}

export function validateStaff(
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): StaffPlan[] {
	const byCode = new Map((lookups.staff ?? []).map((s) => [s.code, s]));
	const dupes = markDuplicates(records, (r) => rawKey(r.values.code), 'code', errors);
	const dupeEmails = markDuplicates(
		records,
		(r) => rawKey(r.values.email?.toLowerCase()),
		'email',
		errors
	);
	const plan: StaffPlan[] = [];
	for (const r of records) {
		const v = r.values;
		const data = parseRow(
			staffRow,
			r,
			{ ...v, position: v.position || 'teacher', phone: restorePhone(v.phone) },
			errors
		);
		// No "subjects" column: an update keeps the subjects the staff member has.
		const subjects = 'subjects' in v ? subjectIds(r, lookups, errors) : null;
		if (!data || dupes.has(r) || dupeEmails.has(r)) continue;
		const id = existing(byCode.get(data.code)?.id, r, 'code', options, errors);
		if (id === undefined) continue;
		const other = data.email
			? (lookups.staff ?? []).find(
					(s) => s.email?.toLowerCase() === data.email && s.code !== data.code
				)
			: undefined;
		if (other) {
			errors.push({ row: r.row, field: 'email', code: 'roster_email_taken', value: v.email });
			continue;
		}
		plan.push({ ...data, subjectIds: subjects, row: r.row, existingId: id });
	}
	return plan;
}

export function validateClasses(
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): ClassPlan[] {
	const grades = lookups.schoolLevel ? gradesOf(lookups.schoolLevel) : [];
	const byName = new Map((lookups.classes ?? []).map((c) => [foldText(c.name), c.id]));
	const staff = new Map((lookups.staff ?? []).filter((s) => s.active).map((s) => [s.code, s.id]));
	const dupes = markDuplicates(
		records,
		(r) => rawKey(r.values.name && foldText(r.values.name)),
		'name',
		errors
	);
	const plan: ClassPlan[] = [];
	for (const r of records) {
		const data = parseRow(classRow, r, r.values, errors);
		const homeroom = r.values.homeroom ?? '';
		const homeroomStaffId = homeroom ? (staff.get(homeroom) ?? null) : null;
		if (homeroom && homeroomStaffId === null)
			errors.push(unknown(r, 'homeroom', 'roster_import_unknown_teacher', homeroom));
		if (!data || dupes.has(r)) continue;
		if (grades.length && !grades.includes(data.grade)) {
			errors.push({
				row: r.row,
				field: 'grade',
				code: 'roster_grade_not_taught',
				params: { min: grades[0], max: grades[grades.length - 1] },
				value: r.values.grade
			});
			continue;
		}
		const id = existing(byName.get(foldText(data.name)), r, 'name', options, errors);
		if (id === undefined) continue;
		plan.push({ ...data, homeroomStaffId, row: r.row, existingId: id });
	}
	return plan;
}

/** Ethnic groups by code or name; a few other common spellings (H'Mông, Mèo, Khmer) too. */
const ETHNIC_ALIASES: Record<string, string> = { hmong: '08', meo: '08', khmer: '05', viet: '01' };
const ethnicKey = (v: string) => foldText(v).replace(/[^a-z0-9]/g, '');

export function findEthnicity(value: string, lookups: ImportLookups): string | null {
	const key = ethnicKey(value);
	const list = lookups.ethnicities ?? [];
	const hit = list.find((e) => e.code === value.padStart(2, '0') || ethnicKey(e.name) === key);
	return hit?.code ?? ETHNIC_ALIASES[key] ?? null;
}

export function validateStudents(
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): StudentPlan[] {
	const byCode = new Map((lookups.students ?? []).map((s) => [s.code, s.id]));
	const classes = new Map(
		(lookups.classes ?? []).filter((c) => c.active).map((c) => [foldText(c.name), c.id])
	);
	const dupes = markDuplicates(records, (r) => rawKey(r.values.code), 'code', errors);
	const plan: StudentPlan[] = [];
	for (const r of records) {
		const v = r.values;
		const data = parseRow(studentRow, r, v, errors);
		const eth = v.ethnicity ? findEthnicity(v.ethnicity, lookups) : null;
		if (v.ethnicity && !eth)
			errors.push(unknown(r, 'ethnicity', 'roster_import_unknown_ethnicity', v.ethnicity));
		const classId = v.className ? (classes.get(foldText(v.className)) ?? null) : null;
		if (v.className && classId === null)
			errors.push(unknown(r, 'className', 'roster_import_unknown_class', v.className));
		if (!data || dupes.has(r)) continue;
		const id = existing(byCode.get(data.code), r, 'code', options, errors);
		if (id === undefined) continue;
		plan.push({ ...data, ethnicityCode: eth, classId, row: r.row, existingId: id });
	}
	return plan;
}
