import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** Whom a family talks with in a conversation: the office, the homeroom or a subject teacher. */
export function counterpart(c: {
	kind: 'homeroom' | 'subject' | 'office';
	staffName: string | null;
	subjectVi: string | null;
	subjectEn: string | null;
	studentName: string;
}): string {
	const about = m.messages_about({ name: c.studentName });
	if (c.kind === 'office') return `${m.messages_with_office()} · ${about}`;
	const name = c.staffName ?? '–';
	const subject = getLocale() === 'en' ? c.subjectEn : c.subjectVi;
	const who =
		c.kind === 'subject' && subject
			? m.messages_with_subject({ subject, name })
			: m.messages_with_homeroom({ name });
	return `${who} · ${about}`;
}
