import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/connect';
import { eventsAfter, recordEvent } from '../../src/lib/server/events';
import { connectTestDb, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

/** Domain events are written in the caller's transaction and read after an id cursor. */
let db: DB;
let close: () => Promise<void>;
beforeAll(() => ({ db, close } = connectTestDb()));
afterAll(() => close());

const uniqueModule = () => `test_${Math.random().toString(36).slice(2, 10)}`;

describe('recordEvent', () => {
	it('keeps an event only when its transaction commits', async () => {
		const module = uniqueModule();
		const schoolId = await schoolIdByName(db, QUANG_TRUNG);
		await expect(
			db.transaction().execute(async (trx) => {
				await recordEvent(trx, {
					module,
					kind: 'results_published',
					subjectType: 'class',
					subjectId: 1,
					schoolId
				});
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await eventsAfter(db, 0, { module })).toEqual([]);

		const id = await db.transaction().execute((trx) =>
			recordEvent(trx, {
				module,
				kind: 'results_published',
				subjectType: 'class',
				subjectId: 7,
				schoolId,
				payload: { semester: 1 }
			})
		);
		const [event] = await eventsAfter(db, 0, { module });
		expect(event).toMatchObject({
			id,
			module,
			kind: 'results_published',
			subject_type: 'class',
			subject_id: '7',
			school_id: schoolId,
			payload: { semester: 1 },
			created_by: null
		});
	});

	it('reads events after a cursor in order, filtered by kind', async () => {
		const module = uniqueModule();
		const ids: number[] = [];
		for (const kind of ['a', 'b', 'a', 'a'])
			ids.push(await recordEvent(db, { module, kind, subjectType: 'x', subjectId: kind }));
		const all = await eventsAfter(db, 0, { module });
		expect(all.map((e) => e.id)).toEqual(ids);
		const afterFirst = await eventsAfter(db, ids[0], { module, kinds: ['a'], limit: 1 });
		expect(afterFirst.map((e) => e.id)).toEqual([ids[2]]);
	});
});
