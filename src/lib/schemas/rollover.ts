import { z } from 'zod';
import { id, MAX_ID, optionalText, str } from './common';

/**
 * The year rollover form (issue 11): for one class of the finishing year, the next year's class of
 * the next grade for the promoted pupils and the class of the same grade for the repeaters, each
 * either chosen (`…To`) or created with a new name (`…New`). The preview reads the same fields from
 * the query; the commit posts them with the signature of the previewed plan.
 */
const targetId = z
	.union([z.literal(''), z.null(), z.coerce.number().int().positive().max(MAX_ID)])
	.optional()
	.transform((v) => (typeof v === 'number' ? v : null));

export const rolloverTargetFields = {
	promoteTo: targetId,
	promoteNew: optionalText(30),
	repeatTo: targetId,
	repeatNew: optionalText(30)
};

export const rolloverTargetsSchema = z.object(rolloverTargetFields);
export type RolloverTargets = z.infer<typeof rolloverTargetsSchema>;

export const rolloverCommitSchema = z.object({
	...rolloverTargetFields,
	classId: id,
	signature: str().max(64)
});
export type RolloverCommit = z.infer<typeof rolloverCommitSchema>;

/** At most this many per-pupil fields in one form (a class has at most ~50 pupils). */
export const MAX_PUPIL_TARGETS = 200;

/**
 * The per-pupil targets of the preview (query) or the commit (form): `t_<pupilId>=<classId>`, an
 * empty value meaning "the side's class". Null when any such field is malformed (an id that is not
 * a positive 32-bit integer, a control character, too many fields): the commit answers 400.
 * Other fields are ignored (they belong to the rest of the form).
 */
export function readPupilTargets(entries: Iterable<[string, unknown]>): Map<number, number> | null {
	const targets = new Map<number, number>();
	let fields = 0;
	for (const [key, value] of entries) {
		if (!key.startsWith('t_')) continue;
		if (++fields > MAX_PUPIL_TARGETS) return null;
		const pupil = /^t_([1-9]\d{0,9})$/.exec(key);
		if (!pupil || typeof value !== 'string') return null;
		if (value === '') continue;
		if (!/^[1-9]\d{0,9}$/.test(value)) return null;
		const [pupilId, classId] = [Number(pupil[1]), Number(value)];
		if (pupilId > MAX_ID || classId > MAX_ID || targets.has(pupilId)) return null;
		targets.set(pupilId, classId);
	}
	return targets;
}
