import {
	readPupilTargets,
	rolloverTargetsSchema,
	type RolloverTargets
} from '$lib/schemas/rollover';
import { errorText, translateError } from '$lib/i18n/errors';
import type { DB } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { rolloverTargets, type Target } from '$lib/server/roster/rollover';
import type { RolloverPlan } from '$lib/server/roster/rollover-plan';

type Values = Record<keyof RolloverTargets, string>;
type TargetLabel = { name: string; isNew: boolean } | null;

export interface Preview {
	/** what the admin typed or chose (kept as typed) */
	values: Values;
	/** errors beside the fields, in the reader's language */
	errors: Partial<Record<keyof RolloverTargets, string[]>>;
	/** both targets checked: the page offers the commit */
	ready: boolean;
	targets: { promote: TargetLabel; repeat: TargetLabel };
	/** the classes chosen per pupil (`t_<id>`, kept as chosen) and their errors */
	pupilValues: Record<number, number>;
	pupilErrors: Record<number, string>;
	/** the per-pupil names of the target column once checked */
	pupilLabels: Record<number, string>;
	pupilFormError: string | null;
}

const FIELDS = ['promoteTo', 'promoteNew', 'repeatTo', 'repeatNew'] as const;

const labelOf = (t: Target): TargetLabel =>
	t === null
		? null
		: 'create' in t
			? { name: t.create, isNew: true }
			: { name: t.name, isNew: false };

/**
 * The preview of `?preview=1&promoteTo=…`: the same checks as the commit (zod, then the service's
 * target rules), errors beside their fields. Without `preview` the page only lists the moves.
 */
export async function previewOf(db: DB, plan: RolloverPlan, url: URL): Promise<Preview> {
	const values = Object.fromEntries(
		FIELDS.map((f) => [f, (url.searchParams.get(f) ?? '').slice(0, 200)])
	) as Values;
	const own = readPupilTargets(url.searchParams.entries());
	const none: Preview = {
		values,
		errors: {},
		ready: false,
		targets: { promote: null, repeat: null },
		pupilValues: Object.fromEntries(own ?? []),
		pupilErrors: {},
		pupilLabels: {},
		pupilFormError: own ? null : errorText('rollover_pupil_targets_invalid')
	};
	if (url.searchParams.get('preview') !== '1' || !plan.nextYear || !own) return none;
	const parsed = rolloverTargetsSchema.safeParse(values);
	if (!parsed.success) {
		const errors: Preview['errors'] = {};
		for (const issue of parsed.error.issues) {
			const field = issue.path[0] as keyof RolloverTargets;
			errors[field] = [...(errors[field] ?? []), translateError(issue.message)];
		}
		return { ...none, errors };
	}
	try {
		const targets = await rolloverTargets(db, plan, parsed.data, own);
		const ready = plan.pupils.some((p) => p.move !== 'undecided' && !p.alreadyMoved);
		return {
			...none,
			ready,
			targets: { promote: labelOf(targets.promote), repeat: labelOf(targets.repeat) },
			pupilLabels: Object.fromEntries([...targets.pupils].map(([id, c]) => [id, c.name]))
		};
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const pupilErrors = pupilErrorOf(err);
		if (pupilErrors) return { ...none, pupilErrors };
		const field = (err.field ?? 'promoteTo') as keyof RolloverTargets;
		return { ...none, errors: { [field]: [errorText(err.code, err.params)] } };
	}
}

/** The error beside a pupil's row (a rule on `t_<id>`), or null for any other error. */
export function pupilErrorOf(err: unknown): Record<number, string> | null {
	if (!(err instanceof DomainError)) return null;
	const pupil = /^t_(\d+)$/.exec(err.field ?? '');
	return pupil ? { [Number(pupil[1])]: errorText(err.code, err.params) } : null;
}
