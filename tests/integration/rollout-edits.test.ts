import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { DatabaseFileStorage } from '../../src/lib/server/files/database-storage';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import type { FileStorage } from '../../src/lib/server/files/storage';
import { updateItem } from '../../src/lib/server/rollout/checklist-items';
import { updateSchoolPlatform } from '../../src/lib/server/rollout/school-platforms';
import {
	addEvidenceFile,
	openEvidence,
	removeEvidence
} from '../../src/lib/server/rollout/evidence';
import { connectTestDb, principalOf } from '../helpers/context';
import { createTestSchool, giveChecklist } from '../helpers/rollout';

let db: DB;
let close: () => Promise<void>;
let dir: string;
// The storage the app uses on this database (files/index.ts).
let files: FileStorage;
beforeAll(() => {
	({ db, close } = connectTestDb(4));
	dir = mkdtempSync(path.join(tmpdir(), 'trs-evidence-'));
	files =
		inject('databaseKind') === 'postgres' ? new DatabaseFileStorage(db) : new LocalFileStorage(dir);
});
afterAll(async () => {
	await close();
	rmSync(dir, { recursive: true, force: true });
});

describe('concurrent edits of one checklist item', () => {
	it('saves the first edit and refuses the second made on the same version, overwriting nothing', async () => {
		const school = await createTestSchool(db);
		const list = await giveChecklist(db, school);
		const item = list.item('QL.02');
		const edit = (note: string) =>
			updateItem(db, school.admin, school.schoolId, list.checklistId, item.id, {
				status: 'in_progress',
				selfScore: 20,
				responsibleStaffId: null,
				dueOn: null,
				note,
				version: item.version
			});
		const first = await edit('Bản của cô Mai');
		expect(first.changed).toBe(true);
		await expect(edit('Bản của thầy Páo')).rejects.toMatchObject({ entity: 'checklist_item' });
		const row = await db
			.selectFrom('school_checklist_items')
			.select(['note', 'version'])
			.where('id', '=', item.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ note: 'Bản của cô Mai', version: item.version + 1 });
	});

	it('lets exactly one of two simultaneous saves win', async () => {
		const school = await createTestSchool(db);
		const list = await giveChecklist(db, school);
		const item = list.item('DH.01');
		const save = (note: string) =>
			updateItem(db, school.admin, school.schoolId, list.checklistId, item.id, {
				status: 'done',
				selfScore: 40,
				responsibleStaffId: null,
				dueOn: null,
				note,
				version: item.version
			});
		const results = await Promise.allSettled([save('A'), save('B')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ entity: 'checklist_item' });
		const history = await db
			.selectFrom('checklist_history')
			.select('id')
			.where('item_id', '=', item.id)
			.where('action', '=', 'item_saved')
			.execute();
		expect(history).toHaveLength(1);
	});

	it('checks the version of a platform row too, and needs a reason to move a status back', async () => {
		const school = await createTestSchool(db);
		const row = await db
			.selectFrom('school_platforms')
			.select(['platform_id', 'version'])
			.where('school_id', '=', school.schoolId)
			.orderBy('platform_id')
			.executeTakeFirstOrThrow();
		const input = {
			status: 'in_use' as const,
			vendor: 'vnEdu',
			goLiveOn: '2026-11-02',
			evidenceUrl: null,
			responsibleStaffId: school.staffId,
			note: null,
			changeNote: null,
			version: row.version
		};
		await updateSchoolPlatform(db, school.admin, school.schoolId, row.platform_id, input);
		await expect(
			updateSchoolPlatform(db, school.admin, school.schoolId, row.platform_id, {
				...input,
				vendor: 'SMAS'
			})
		).rejects.toMatchObject({ entity: 'school_platform' });
		const back = { ...input, status: 'deployed' as const, version: row.version + 1 };
		await expect(
			updateSchoolPlatform(db, school.admin, school.schoolId, row.platform_id, back)
		).rejects.toMatchObject({ code: 'rollout_note_required_backwards' });
		await updateSchoolPlatform(db, school.admin, school.schoolId, row.platform_id, {
			...back,
			changeNote: 'Nhà cung cấp tạm ngừng dịch vụ'
		});
		const history = await db
			.selectFrom('school_platform_history')
			.select(['from_status', 'to_status', 'note', 'changes'])
			.where('school_id', '=', school.schoolId)
			.orderBy('id')
			.execute();
		expect(history.map((h) => [h.from_status, h.to_status])).toEqual([
			['not_started', 'in_use'],
			['in_use', 'deployed']
		]);
		expect(history[0].changes).toMatchObject({
			vendor: [null, 'vnEdu'],
			go_live_on: [null, '2026-11-02']
		});
		expect(history[1].note).toBe('Nhà cung cấp tạm ngừng dịch vụ');
	});
});

describe('evidence uploads', () => {
	const pdf = new TextEncoder().encode('%PDF-1.4\n% minh chứng\n');
	let school: Awaited<ReturnType<typeof createTestSchool>>;
	let ref: { schoolId: number; checklistId: number; itemId: number };
	beforeAll(async () => {
		school = await createTestSchool(db);
		const list = await giveChecklist(db, school);
		ref = {
			schoolId: school.schoolId,
			checklistId: list.checklistId,
			itemId: list.item('QL.01').id
		};
	});

	it('refuses a file above the size limit with a clear error', async () => {
		const big = new Uint8Array(2048);
		big.set(pdf);
		await expect(
			addEvidenceFile(db, school.admin, { files, maxBytes: 1024 }, ref, {
				name: 'kế hoạch.pdf',
				bytes: big
			})
		).rejects.toMatchObject({ code: 'rollout_upload_too_large' });
	});

	it('refuses other types and files whose content does not match the extension', async () => {
		const storage = { files, maxBytes: 1 << 20 };
		await expect(
			addEvidenceFile(db, school.admin, storage, ref, { name: 'setup.exe', bytes: pdf })
		).rejects.toMatchObject({ code: 'rollout_upload_type_not_allowed' });
		await expect(
			addEvidenceFile(db, school.admin, storage, ref, {
				name: 'trang.pdf',
				bytes: new TextEncoder().encode('<html><script>alert(1)</script>')
			})
		).rejects.toMatchObject({ code: 'rollout_upload_content_mismatch' });
		await expect(
			addEvidenceFile(db, school.admin, storage, ref, { name: 'rong.pdf', bytes: new Uint8Array() })
		).rejects.toMatchObject({ code: 'rollout_upload_empty' });
	});

	it('stores an accepted file under a random name and serves it only within the scope', async () => {
		const storage = { files, maxBytes: 1 << 20 };
		const id = await addEvidenceFile(db, school.admin, storage, ref, {
			name: '../../Quyết định thành lập.pdf',
			bytes: pdf
		});
		const { storage_key: key } = await db
			.selectFrom('checklist_evidence')
			.select('storage_key')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(key).toMatch(/^[a-f0-9]{48}$/);
		const file = await openEvidence(db, school.admin, storage, school.schoolId, id);
		expect(file.fileName).toBe('Quyết định thành lập.pdf');
		expect(file.size).toBe(pdf.length);
		expect(new Uint8Array(await new Response(file.stream).arrayBuffer())).toEqual(pdf);
		expect(file.type).toMatchObject({ mime: 'application/pdf', attachment: false });
		await expect(
			openEvidence(db, await principalOf(db, 'vanyen@demo.example'), storage, school.schoolId, id)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			openEvidence(
				db,
				await principalOf(db, 'dongcuong.admin@demo.example'),
				storage,
				school.schoolId,
				id
			)
		).rejects.toMatchObject({ status: 404 });
		await removeEvidence(db, school.admin, storage, ref, id);
		expect(await files.get(key!)).toBeNull();
		await expect(
			openEvidence(db, school.admin, storage, school.schoolId, id)
		).rejects.toMatchObject({ status: 404 });
	});
});
