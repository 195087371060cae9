import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formFailure } from '../../src/lib/server/action/forms';
import { fieldError, fieldErrors } from '../../src/lib/server/errors';

/**
 * A service that checks a form's rules together throws `fieldErrors(...)`: the one mapping puts
 * every message beside its field in the same answer (400), keeping what was typed.
 */
const schema = z.object({ name: z.string(), startsOn: z.string(), s1Weeks: z.number() });
const typed = { name: '2027-2029', startsOn: '2027-09-01', s1Weeks: 0 };
type Answer = ReturnType<typeof formFailure>;
/** The failure's status and form (`message` types its answer as either). */
const read = (answer: Answer) => ({
	status: 'status' in answer ? answer.status : 200,
	form: ('data' in answer ? answer.data : answer).form
});

describe('formFailure with several field errors', () => {
	it('sets each field’s message at once with a 400 and keeps the typed values', async () => {
		const form = await superValidate(typed, zod4(schema), { id: 'y' });
		const err = fieldErrors([
			{ field: 'name', code: 'year_admin_name_consecutive' },
			{ field: 's1Weeks', code: 'year_admin_weeks_range', params: { max: 30 } }
		]);
		const answer = read(formFailure(form, err));
		expect(answer.status).toBe(400);
		const errors = answer.form.errors as Record<string, string[]>;
		expect(Object.keys(errors).sort()).toEqual(['name', 's1Weeks']);
		expect(errors.name[0]).toMatch(/2027-2028/);
		expect(errors.s1Weeks[0]).toMatch(/30/);
		expect(answer.form.data).toEqual(typed);
	});

	it('is nothing to throw when there is no problem, and one error still acts as one', async () => {
		expect(fieldErrors([])).toBeNull();
		const form = await superValidate(typed, zod4(schema), { id: 'y' });
		const answer = read(
			formFailure(form, fieldError('startsOn', 'year_admin_overlaps', { year: 'x' }))
		);
		expect(Object.keys(answer.form.errors)).toEqual(['startsOn']);
	});

	it('says a rule of no field of this form above the form', async () => {
		const form = await superValidate(typed, zod4(schema), { id: 'y' });
		const answer = read(
			formFailure(form, fieldErrors([{ field: 'other', code: 'year_admin_unknown' }]))
		);
		expect(answer.status).toBe(400);
		expect(answer.form.errors).toEqual({});
		expect(answer.form.message).toMatchObject({ type: 'error' });
	});
});
