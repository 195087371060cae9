import type { ImportKind } from '../../../roster/import-columns';
import type { ImportRecord, RowError } from './records';
import type { ImportLookups, ImportOptions, ImportPlan, ImportSummary } from './types';
import { validateClasses, validateStaff, validateStudents } from './validate-people';
import { validateGuardians, validateSchools } from './validate-links';

/**
 * Checks every row of a file (the forms' zod schemas, then references and duplicates) and plans
 * what would be written. Pure: the database state comes in as `lookups`, so the same function runs
 * for the preview and again inside the confirming transaction.
 */
export function validateImport(
	kind: ImportKind,
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions
): { plan: ImportPlan; errors: RowError[]; summary: ImportSummary } {
	const errors: RowError[] = [];
	const plan = planFor(kind, records, lookups, options, errors);
	errors.sort((a, b) => a.row - b.row);
	return { plan, errors, summary: summarise(plan, records.length) };
}

function planFor(
	kind: ImportKind,
	records: ImportRecord[],
	lookups: ImportLookups,
	options: ImportOptions,
	errors: RowError[]
): ImportPlan {
	switch (kind) {
		case 'staff':
			return { kind, rows: validateStaff(records, lookups, options, errors) };
		case 'classes':
			return { kind, rows: validateClasses(records, lookups, options, errors) };
		case 'students':
			return { kind, rows: validateStudents(records, lookups, options, errors) };
		case 'guardians':
			return { kind, plan: validateGuardians(records, lookups, options, errors) };
		case 'schools':
			return { kind, rows: validateSchools(records, lookups, options, errors) };
	}
}

export function summarise(plan: ImportPlan, rows: number): ImportSummary {
	if (plan.kind === 'guardians') {
		const g = plan.plan;
		return {
			rows,
			create: g.guardians.filter((x) => x.existingId === null).length,
			update: g.links.filter((l) => l.exists).length,
			link: g.links.filter((l) => !l.exists).length
		};
	}
	const list: { existingId: number | null }[] = plan.rows;
	const update = list.filter((r) => r.existingId !== null).length;
	return { rows, create: list.length - update, update, link: 0 };
}
