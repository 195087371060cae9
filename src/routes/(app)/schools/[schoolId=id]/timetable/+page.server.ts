import { redirect } from '@sveltejs/kit';
import {
	cancelSchema,
	copySchema,
	generateSchema,
	publishSchema,
	weekSettingsSchema
} from '$lib/schemas/timetable';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
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
	settings: async (ctx) => {
		const data = await readPlainForm(ctx, weekSettingsSchema);
		if (!data) return plainInvalid('settings');
		try {
			await saveWeekSettings(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'settings');
		}
		savedRedirect(ctx.event.url, 'timetable_week_saved');
	},
	bells: saveBellsAction,
	generate: async (ctx) => {
		const data = await readPlainForm(ctx, generateSchema);
		if (!data) return plainInvalid('generate');
		try {
			await startGeneration(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'generate');
		}
		savedRedirect(ctx.event.url, 'timetable_generate_started');
	},
	cancel: async (ctx) => {
		const data = await readPlainForm(ctx, cancelSchema);
		if (!data) return plainInvalid('versions');
		try {
			await cancelGeneration(ctx.db, ctx.actor, ctx.school.id, data.versionId);
		} catch (err) {
			return plainFailure(err, 'versions');
		}
		savedRedirect(ctx.event.url, 'timetable_generate_cancelled');
	},
	copy: async (ctx) => {
		const data = await readPlainForm(ctx, copySchema);
		if (!data) return plainInvalid('versions');
		let id: number;
		try {
			id = await copyVersion(ctx.db, ctx.actor, ctx.school.id, data.versionId);
		} catch (err) {
			return plainFailure(err, 'versions');
		}
		redirect(303, `/schools/${ctx.school.id}/timetable/${id}/edit`);
	},
	publish: async (ctx) => {
		const data = await readPlainForm(ctx, publishSchema);
		if (!data) return plainInvalid('versions');
		try {
			await publishVersion(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'versions');
		}
		savedRedirect(ctx.event.url, 'timetable_published');
	}
}) satisfies Actions;
