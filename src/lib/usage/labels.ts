import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { EventErrorCode } from './events';

/** Labels of the usage module, in the reader's language (platform statuses: $lib/i18n/statuses). */
const SOURCE: Record<string, () => string> = {
	manual: m.usage_source_manual,
	api: m.usage_source_api,
	import: m.usage_source_import,
	seed: m.usage_source_seed,
	portal: m.usage_source_portal
};

export function sourceLabel(source: string): string {
	return SOURCE[source]?.() ?? source;
}

type Named =
	| { name_vi: string; name_en: string }
	| { nameVi: string; nameEn: string }
	| { platform_vi: string; platform_en: string };

/** A platform's name in the reader's language (rows of any of the usage queries). */
export function platformName(p: Named): string {
	const en = getLocale() === 'en';
	if ('name_vi' in p) return en ? p.name_en : p.name_vi;
	if ('nameVi' in p) return en ? p.nameEn : p.nameVi;
	return en ? p.platform_en : p.platform_vi;
}

const FIELDS: Record<string, () => string> = {
	id: m.usage_field_id,
	platform: m.usage_field_platform,
	teacherEmail: m.usage_field_teacherEmail,
	occurredAt: m.usage_field_occurredAt,
	durationMinutes: m.usage_field_durationMinutes,
	className: m.usage_field_className,
	students: m.usage_field_students,
	event: m.usage_field_event
};

const ERRORS: Record<EventErrorCode, () => string> = {
	required: m.usage_err_required,
	invalid: m.usage_err_invalid,
	too_long: m.usage_err_too_long,
	too_small: m.usage_err_too_small,
	too_big: m.usage_err_too_big,
	invalid_email: m.usage_err_invalid_email,
	not_a_number: m.usage_err_not_a_number,
	not_an_integer: m.usage_err_not_an_integer,
	invalid_date: m.usage_err_invalid_date,
	in_future: m.usage_err_in_future,
	too_old: m.usage_err_too_old,
	unknown_platform: m.usage_err_unknown_platform,
	platform_out_of_scope: m.usage_err_platform_out_of_scope,
	unknown_teacher: m.usage_err_unknown_teacher,
	ambiguous_teacher: m.usage_err_ambiguous_teacher
};

/** 'teacherEmail: unknown_teacher' -> 'Email giáo viên: không phải giáo viên của trường'. */
export function translateEventError(error: string): string {
	const [field, code] = error.split(': ');
	const f = FIELDS[field]?.() ?? field;
	const c = ERRORS[code as EventErrorCode]?.() ?? code;
	return `${f}: ${c}`;
}

const SHORT: Record<string, () => string> = {
	'school-management': m.tables_platform_short_school_management,
	'e-gradebook': m.tables_platform_short_e_gradebook,
	'contact-book': m.tables_platform_short_contact_book,
	'cashless-payment': m.tables_platform_short_cashless_payment,
	'digital-signature': m.tables_platform_short_digital_signature,
	'online-enrolment': m.tables_platform_short_online_enrolment,
	'online-meetings': m.tables_platform_short_online_meetings,
	lms: m.tables_platform_short_lms,
	'learning-resources': m.tables_platform_short_learning_resources,
	'digital-library': m.tables_platform_short_digital_library,
	'virtual-lab': m.tables_platform_short_virtual_lab,
	'online-testing': m.tables_platform_short_online_testing
};

/**
 * A platform's short label for a table's column head (the full name goes in its `abbr` title):
 * the catalogue's own platforms have one; a platform added later is cut to its first words.
 */
export function platformShort(p: { code: string; name_vi: string; name_en: string }): string {
	const known = SHORT[p.code];
	if (known) return known();
	const name = platformName(p);
	return name.length <= 12 ? name : `${name.slice(0, 11).trimEnd()}…`;
}
