import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { DomainError } from '../../src/lib/server/errors';
import { createStudent } from '../../src/lib/server/roster/students';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
beforeAll(async () => {
	({ db, close } = connectTestDb(10));
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
});
afterAll(() => close());

describe('concurrent creates of the same code', () => {
	it('creates one of 10 simultaneous new pupils with one code and gives the 9 others a field error', async () => {
		const pupil = {
			code: 'T-RACE-HS1',
			fullName: 'Lê Gia Bảo',
			dateOfBirth: '2013-11-02',
			gender: 'M' as const,
			ethnicityCode: '01',
			classId: null
		};
		const results = await Promise.allSettled(
			Array.from({ length: 10 }, () => createStudent(db, admin, qt, pupil))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(refused).toHaveLength(9);
		for (const err of refused) {
			expect(err).toBeInstanceOf(DomainError);
			expect(err).toMatchObject({ field: 'code', code: 'roster_code_taken' });
		}
	});
});
