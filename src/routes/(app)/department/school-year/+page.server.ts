import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { errorText } from '$lib/i18n/errors';
import { queryId } from '$lib/schemas/common';
import { yearSwitchSchema } from '$lib/schemas/year';
import {
	schoolYearDeleteSchema,
	schoolYearEditSchema,
	schoolYearSchema
} from '$lib/schemas/year-admin';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	plainAction,
	readForm,
	savedRedirect
} from '$lib/server/action';
import { DomainError } from '$lib/server/errors';
import {
	makeYearCurrent,
	schoolYears,
	switchPlan,
	switchTargets,
	type SwitchPlan
} from '$lib/server/year/switch';
import {
	createSchoolYear,
	deleteSchoolYear,
	updateSchoolYear,
	yearsWithSemesters
} from '$lib/server/year/school-year-admin';
import { withRuleErrors } from '$lib/server/year/school-year-form';
import type { Actions, PageServerLoad } from './$types';

/**
 * Making a later school year current (issue 11): the department's step after the schools' year
 * rollovers. `?year=` previews the moves (a GET, no JavaScript needed); `?/commit` posts the year,
 * its version and the preview's signature. The same officials add a school year with its semesters
 * (`?/create`) and change the dates and teaching weeks of a later year (`?edit=<id>`, `?/update`,
 * version-checked); every refused field of those forms shows its message at once.
 */
const scope = departmentScope('year.switch');

export const load = guardedLoad(scope, async ({ db, departmentId, event }) => {
	const years = await schoolYears(db);
	const targets = switchTargets(years);
	const yearId = queryId.parse(event.url.searchParams.get('year') ?? undefined);
	let plan: SwitchPlan | null = null;
	let yearError: string | null = null;
	if (yearId !== undefined) {
		try {
			plan = await switchPlan(db, departmentId, yearId);
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			yearError = errorText(err.code, err.params);
		}
	}
	const form = plan
		? await superValidate(
				{ yearId: plan.target.id, version: plan.target.version, signature: plan.signature },
				zod4(yearSwitchSchema),
				{ errors: false, id: 'year-switch' }
			)
		: null;
	const all = await yearsWithSemesters(db);
	const editId = queryId.parse(event.url.searchParams.get('edit') ?? undefined);
	const editing = all.find((y) => y.id === editId && y.isEditable);
	const createForm = await superValidate(zod4(schoolYearSchema), { id: 'school-year' });
	const editForm = editing
		? await superValidate({ ...editing, yearId: editing.id }, zod4(schoolYearEditSchema), {
				errors: false,
				id: 'school-year-edit'
			})
		: null;
	// the page shows counts and class names; the per-pupil list stays on the server
	const summary = plan && { ...plan, moves: [], moved: plan.moves.length };
	return {
		current: years.find((y) => y.isCurrent) ?? null,
		targets,
		yearId: yearId ?? null,
		yearError,
		plan: summary,
		form,
		years: all,
		editing: editing ?? null,
		createForm,
		editForm
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	commit: async (ctx) => {
		const form = await readForm(ctx, yearSwitchSchema, 'year-switch');
		if (!form.valid) return fail(400, { form });
		let moved: number;
		try {
			({ moved } = await makeYearCurrent(ctx.db, ctx.actor, ctx.departmentId, form.data));
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'year_switched', { count: moved }, '/department/school-year');
	},
	create: async (ctx) => {
		const form = await readForm(ctx, schoolYearSchema, 'school-year');
		if (!form.valid) return fail(400, { form: withRuleErrors(form) });
		try {
			await createSchoolYear(ctx.db, ctx.actor, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'school_year_created', {}, '/department/school-year');
	},
	update: async (ctx) => {
		const form = await readForm(ctx, schoolYearEditSchema, 'school-year-edit');
		if (!form.valid) return fail(400, { form: withRuleErrors(form) });
		try {
			await updateSchoolYear(ctx.db, ctx.actor, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'school_year_updated', {}, '/department/school-year');
	},
	delete: plainAction(schoolYearDeleteSchema, 'years', async (ctx, data) => {
		await deleteSchoolYear(ctx.db, ctx.actor, data);
		return { saved: 'school_year_deleted', path: '/department/school-year' };
	})
}) satisfies Actions;
