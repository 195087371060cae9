import {
	cancelSchema,
	copySchema,
	generateSchema,
	publishSchema,
	weekSettingsSchema
} from '$lib/schemas/timetable';
import { guardedActions, guardedLoad, plainAction, schoolScope } from '$lib/server/action';
import { todayIso } from '$lib/dates';
import { problemText } from '$lib/i18n/timetable';
import { cancelGeneration, problemOfSchool, startGeneration } from '$lib/server/timetable/generate';
import { publishVersion } from '$lib/server/timetable/publish';
import { weekSettings } from '$lib/server/timetable/queries';
import { bellForm } from '$lib/server/timetable/bells';
import { saveBellsAction } from './bells';
import { saveWeekSettings } from '$lib/server/timetable/settings';
import { copyVersion } from '$lib/server/timetable/editor';
import { listVersions, lockedCounts } from '$lib/server/timetable/views';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

export const load = guardedLoad(scope, async ({ db, school }) => {
	const { built, problems } = await problemOfSchool(db, school.id);
	return {
		settings: await weekSettings(db, school.id),
		bells: await bellForm(db, school.id),
		periods: built.instance.lessons.reduce((a, l) => a + l.periodsPerWeek, 0),
		classes: built.instance.classes.length,
		problems: problems.map((p) => ({ severity: p.severity, text: problemText(p) })),
		versions: await listVersions(db, school.id),
		locked: Object.fromEntries(await lockedCounts(db, school.id)),
		today: todayIso(),
		seed: Math.floor(Math.random() * 1_000_000)
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	settings: plainAction(weekSettingsSchema, 'settings', async (ctx, data) => {
		await saveWeekSettings(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'timetable_week_saved' };
	}),
	bells: saveBellsAction,
	generate: plainAction(generateSchema, 'generate', async (ctx, data) => {
		await startGeneration(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'timetable_generate_started' };
	}),
	cancel: plainAction(cancelSchema, 'versions', async (ctx, data) => {
		await cancelGeneration(ctx.db, ctx.actor, ctx.school.id, data.versionId);
		return { saved: 'timetable_generate_cancelled' };
	}),
	copy: plainAction(copySchema, 'versions', async (ctx, data) => {
		const id = await copyVersion(ctx.db, ctx.actor, ctx.school.id, data.versionId);
		return { redirect: `/schools/${ctx.school.id}/timetable/${id}/edit` };
	}),
	publish: plainAction(publishSchema, 'versions', async (ctx, data) => {
		await publishVersion(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'timetable_published' };
	})
}) satisfies Actions;
