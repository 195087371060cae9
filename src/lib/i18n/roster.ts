import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;
const s = (p: Params, k: string) => String(p[k] ?? '');

/**
 * Texts of the roster's error codes (services' DomainErrors and the import checks). Import errors
 * are stored as codes, so a preview reads in English after the language switch. Registered in
 * the one error registry, `$lib/i18n/errors`.
 */
export const ROSTER_ERRORS: Record<string, (p: Params) => string> = {
	roster_v_code: () => m.roster_v_code(),
	roster_v_role: () => m.roster_v_role(),
	roster_code_taken: () => m.roster_code_taken(),
	roster_email_taken: () => m.roster_email_taken(),
	roster_class_name_taken: () => m.roster_class_name_taken(),
	roster_grade_not_taught: (p) => m.roster_grade_not_taught({ min: s(p, 'min'), max: s(p, 'max') }),
	roster_class_has_students: () => m.roster_class_has_students(),
	roster_guardian_not_found: () => m.roster_guardian_not_found(),
	roster_student_not_found: () => m.roster_student_not_found(),
	roster_account_exists: () => m.roster_account_exists(),
	roster_no_account: () => m.roster_no_account(),
	roster_account_self: () => m.roster_account_self(),
	roster_account_shared: () => m.roster_account_shared(),
	roster_email_in_use_here: () => m.roster_email_in_use_here(),
	roster_email_unavailable: () => m.roster_email_unavailable(),
	roster_import_no_file: () => m.roster_import_no_file(),
	roster_import_missing_column: (p) => m.roster_import_missing_column({ column: s(p, 'column') }),
	roster_import_repeated_column: (p) => m.roster_import_repeated_column({ column: s(p, 'column') }),
	roster_import_duplicate: (p) => m.roster_import_duplicate({ row: s(p, 'row') }),
	roster_import_exists: () => m.roster_import_exists(),
	roster_import_unknown_class: (p) => m.roster_import_unknown_class({ value: s(p, 'value') }),
	roster_import_unknown_student: (p) => m.roster_import_unknown_student({ value: s(p, 'value') }),
	roster_import_unknown_ethnicity: (p) =>
		m.roster_import_unknown_ethnicity({ value: s(p, 'value') }),
	roster_import_unknown_subject: (p) => m.roster_import_unknown_subject({ value: s(p, 'value') }),
	roster_import_unknown_teacher: (p) => m.roster_import_unknown_teacher({ value: s(p, 'value') }),
	roster_import_unknown_area: (p) => m.roster_import_unknown_area({ value: s(p, 'value') }),
	roster_import_link_exists: () => m.roster_import_link_exists(),
	roster_import_guardian_identity: () => m.roster_import_guardian_identity(),
	roster_import_code_in_other_department: () => m.roster_import_code_in_other_department()
};

export function positionLabel(value: string): string {
	const labels: Record<string, () => string> = {
		principal: m.roster_position_principal,
		vice_principal: m.roster_position_vice_principal,
		teacher: m.roster_position_teacher,
		staff: m.roster_position_staff
	};
	return labels[value]?.() ?? value;
}

export function genderLabel(value: string | null): string {
	if (value === 'M') return m.roster_gender_M();
	if (value === 'F') return m.roster_gender_F();
	return '–';
}

export function relationshipLabel(value: string): string {
	const labels: Record<string, () => string> = {
		father: m.roster_rel_father,
		mother: m.roster_rel_mother,
		guardian: m.roster_rel_guardian,
		grandparent: m.roster_rel_grandparent,
		other: m.roster_rel_other
	};
	return labels[value]?.() ?? value;
}

export function schoolRoleLabel(value: string): string {
	const labels: Record<string, () => string> = {
		teacher: m.roster_role_teacher,
		school_admin: m.roster_role_school_admin,
		parent: m.roster_role_parent
	};
	return labels[value]?.() ?? value;
}

export function importKindLabel(value: string): string {
	const labels: Record<string, () => string> = {
		staff: m.roster_kind_staff,
		classes: m.roster_kind_classes,
		students: m.roster_kind_students,
		guardians: m.roster_kind_guardians,
		schools: m.roster_kind_schools
	};
	return labels[value]?.() ?? value;
}

export function importStatusLabel(value: string): string {
	const labels: Record<string, () => string> = {
		preview: m.roster_import_status_preview,
		committed: m.roster_import_status_committed,
		discarded: m.roster_import_status_discarded
	};
	return labels[value]?.() ?? value;
}
