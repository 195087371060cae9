import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { todayIso } from '../../src/lib/dates';
import { ConflictError } from '../../src/lib/server/errors';
import { loadCheckpoints, saveCheckpoint } from '../../src/lib/server/grades/checkpoints';
import { homeroomClassList } from '../../src/lib/server/grades/homeroom';
import {
	classHomeroomComments,
	saveHomeroomComments
} from '../../src/lib/server/grades/homeroom-comments';
import { FAMILY } from '../../src/lib/server/grades/parent';
import { publishCheckpoint } from '../../src/lib/server/grades/publication';
import { loadReportCard } from '../../src/lib/server/grades/report-card';
import { reportCardView } from '../../src/lib/server/grades/report-card-view';
import { listParentChildren } from '../../src/lib/server/org/people';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The homeroom teacher's comment on each pupil's semester (0322): saved all or nothing with a
 * version check, audited, refused after the term's lock, only for the homeroom class's own pupils,
 * and shown on the published report card. Every test rolls back.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let parent: Principal;
let cls: { id: number; schoolYearId: number };
let child: number;
let schoolId: number;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	[cls] = await homeroomClassList(db, teacher);
	child = (await listParentChildren(db, parent)).find((c) => c.class_id === cls.id)!.id;
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'homeroom-comments-test' });
const save = (trx: DB, text: string, version: number, who = teacher, term: '1' | '2' = '1') =>
	saveHomeroomComments(trx, actor(who), cls.id, term, [{ studentId: child, text, version }]);

describe('the homeroom teacher’s comments', () => {
	it('saves a normalised text with a version, audits old and new, and skips unchanged texts', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			expect(await save(trx, '  Ngoan, tiến bộ.\r\nCần mạnh dạn hơn.  ', 0)).toEqual({ saved: 1 });
			expect((await classHomeroomComments(trx, cls, '1')).get(child)).toEqual({
				body: 'Ngoan, tiến bộ.\nCần mạnh dạn hơn.',
				version: 1
			});
			expect(await save(trx, 'Ngoan, tiến bộ.\nCần mạnh dạn hơn.', 1)).toEqual({ saved: 0 });
			expect(await save(trx, 'Ngoan, tiến bộ rõ.', 1)).toEqual({ saved: 1 });
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'grades.homeroom_comment.save')
				.where('request_id', '=', 'homeroom-comments-test')
				.orderBy('id')
				.execute();
			expect(audit.map((a) => [a.before, a.after])).toEqual([
				[null, { body: 'Ngoan, tiến bộ.\nCần mạnh dạn hơn.' }],
				[{ body: 'Ngoan, tiến bộ.\nCần mạnh dạn hơn.' }, { body: 'Ngoan, tiến bộ rõ.' }]
			]);
		});
	});

	it('refuses a stale version, and a second first save of the same pupil, without writing', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await save(trx, 'Lần một.', 0);
			await expect(save(trx, 'Ghi đè?', 0)).rejects.toBeInstanceOf(ConflictError);
			await expect(save(trx, 'Ghi đè?', 7)).rejects.toBeInstanceOf(ConflictError);
			expect((await classHomeroomComments(trx, cls, '1')).get(child)?.body).toBe('Lần một.');
		});
	});

	it('refuses control characters, over 1,000 characters and pupils of another class at the field', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await expect(save(trx, 'a\u0000b', 0)).rejects.toMatchObject({
				code: 'grades_v_comment_control',
				field: `c_${child}`
			});
			await expect(save(trx, 'x'.repeat(100_000), 0)).rejects.toMatchObject({
				code: 'grades_v_comment_long',
				field: `c_${child}`
			});
			const stranger = await trx
				.selectFrom('students')
				.select('id')
				.where('class_id', '<>', cls.id)
				.executeTakeFirstOrThrow();
			await expect(
				saveHomeroomComments(trx, actor(teacher), cls.id, '1', [
					{ studentId: stranger.id, text: 'x', version: 0 }
				])
			).rejects.toMatchObject({ code: 'grades_pupil_not_in_class', field: `c_${stranger.id}` });
			expect((await classHomeroomComments(trx, cls, '1')).size).toBe(0);
		});
	});

	it('is the homeroom class’s only (another school’s admin and a parent get 404) and closes with the term', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const other = await principalOf(trx, 'nguyentatthanh.admin@demo.example');
			await expect(save(trx, 'x', 0, other)).rejects.toMatchObject({ status: 404 });
			await expect(save(trx, 'x', 0, parent)).rejects.toMatchObject({ status: 404 });
			const { checkpoints } = await loadCheckpoints(trx, schoolId);
			await saveCheckpoint(trx, actor(admin), schoolId, {
				checkpoint: 'end1',
				opensOn: null,
				closesOn: null,
				locksOn: todayIso(),
				version: checkpoints.find((c) => c.checkpoint === 'end1')!.version
			});
			await expect(save(trx, 'Muộn.', 0)).rejects.toMatchObject({ code: 'grades_conduct_locked' });
			expect(await save(trx, 'Học kì II vẫn mở.', 0, teacher, '2')).toEqual({ saved: 1 });
		});
	});

	it('appears on the report card of the semesters it covers, once published', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await save(trx, 'Chăm ngoan, học tốt.', 0);
			await save(trx, 'Nhận xét học kì II.', 0, teacher, '2');
			await publishCheckpoint(trx, actor(admin), schoolId, 'end1', [cls.id]);
			const answer = await loadReportCard(trx, parent, child, 'end1', FAMILY);
			if (!answer.published) throw new Error('end1 should be published');
			expect(answer.card.homeroom).toEqual([{ term: 1, body: 'Chăm ngoan, học tốt.' }]);
			const view = reportCardView(answer.card);
			expect(view.comments).toContainEqual([
				'Nhận xét của giáo viên chủ nhiệm (học kì I)',
				'Chăm ngoan, học tốt.'
			]);
			expect(JSON.stringify(view.comments)).not.toContain('Nhận xét học kì II.');
		});
	});
});
