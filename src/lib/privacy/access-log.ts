import * as m from '$lib/paraglide/messages';

/** The text of what an access-log row says was opened. */
export const accessWhatText = (what: string) =>
	what === 'guardian' ? m.privlog_what_guardian() : m.privlog_what_pupil();
