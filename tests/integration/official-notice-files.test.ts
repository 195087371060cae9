import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFormKey } from '../../src/lib/server/action/form-key';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import type { AttachmentStorage, UploadedFile } from '../../src/lib/server/messages/attachments';
import {
	officialFiles,
	openOfficialFile,
	type FileReader
} from '../../src/lib/server/official-notices/files';
import { sendOfficialNotice } from '../../src/lib/server/official-notices/send';
import { connectTestDb, principalOf } from '../helpers/context';
import { makeDepartment } from '../helpers/department';
import { createAreaOfficial, createTestSchool } from '../helpers/rollout';

/**
 * Files of official notices (issue 13): checked by content like message attachments (a refused
 * file stores nothing and sends nothing); downloaded by the notice's readers at a target school
 * and by the officials whose scope holds the notice, and by nobody else (404).
 */
let db: DB;
let close: () => Promise<void>;
let dir: string;
let storage: AttachmentStorage;
let department: Principal;
let officialA: Principal;
let officialB: Principal;
let teacherA1: Principal;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a1: School, a2: School, b1: School;
let codeA1: string;
const tag = `OF${process.pid % 1000}${Date.now() % 100000}`;
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = Uint8Array.from([...ascii('%PDF-1.4\n'), 1, 2, 3]);
const EXE = Uint8Array.from([...ascii('MZ'), 0x90, 0, 3, 0]);
const actor = (principal: Principal) => ({ principal, requestId: 'official-files-test' });
const stored = () =>
	readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const body = async (stream: ReadableStream<Uint8Array>) =>
	new Uint8Array(await new Response(stream).arrayBuffer());

const send = (principal: Principal, files: UploadedFile[], includeTeachers = false) =>
	sendOfficialNotice(
		db,
		actor(principal),
		{
			formKey: newFormKey(),
			title: 'Công văn kèm tệp',
			body: 'Xem tệp đính kèm.',
			area: null,
			schools: [codeA1],
			includeTeachers
		},
		{ storage, files }
	);

const school = (principal: Principal, schoolId: number): FileReader => ({
	kind: 'school',
	principal,
	schoolId
});
const official = (principal: Principal): FileReader => ({ kind: 'official', principal });

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	dir = mkdtempSync(path.join(tmpdir(), 'trs-official-files-'));
	storage = { files: new LocalFileStorage(dir), maxBytes: 1024 };
	const made = await makeDepartment(db, tag);
	department = made.principal;
	const area = (id: number) => ({ id, department_id: made.departmentId });
	a1 = await createTestSchool(db, area(made.areas[0].id));
	a2 = await createTestSchool(db, area(made.areas[0].id));
	b1 = await createTestSchool(db, area(made.areas[1].id));
	officialA = await createAreaOfficial(db, area(made.areas[0].id));
	officialB = await createAreaOfficial(db, area(made.areas[1].id));
	const row = await db
		.selectFrom('schools')
		.select('code')
		.where('id', '=', a1.schoolId)
		.executeTakeFirstOrThrow();
	codeA1 = row.code;
	const email = `gv.${tag.toLowerCase()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Giáo viên A1' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'teacher', school_id: a1.schoolId })
		.execute();
	teacherA1 = await principalOf(db, email);
});
afterAll(async () => {
	await close();
	rmSync(dir, { recursive: true, force: true });
});

describe('official notice files', () => {
	it('a photo and a PDF reach the target school; only its readers and the scope download them', async () => {
		const { id } = await send(officialA, [
			{ name: 'cong-van.pdf', bytes: PDF },
			{ name: 'so-do.png', bytes: PNG }
		]);
		const files = await officialFiles(db, id);
		expect(files.map((f) => [f.fileName, f.contentType, f.size])).toEqual([
			['cong-van.pdf', 'application/pdf', PDF.length],
			['so-do.png', 'image/png', PNG.length]
		]);
		const [pdf, png] = files.map((f) => f.id);
		const open = (reader: FileReader, fileId = pdf, noticeId = id) =>
			openOfficialFile(db, storage.files, reader, noticeId, fileId);

		expect(await body((await open(school(a1.admin, a1.schoolId))).stream)).toEqual(PDF);
		expect(await body((await open(school(a1.admin, a1.schoolId), png)).stream)).toEqual(PNG);
		expect((await open(official(officialA))).fileName).toBe('cong-van.pdf');
		expect((await open(official(department))).fileName).toBe('cong-van.pdf');

		const refused: [string, FileReader][] = [
			['a teacher when the notice does not include teachers', school(teacherA1, a1.schoolId)],
			['a school of the area that is not a target', school(a2.admin, a2.schoolId)],
			['a school of another area', school(b1.admin, b1.schoolId)],
			["another area's office", official(officialB)],
			['a school admin as an official', official(a1.admin)]
		];
		for (const [who, reader] of refused)
			await expect(open(reader), who).rejects.toMatchObject({ status: 404 });
		// the file under another notice's id is no file
		const other = await send(officialA, [{ name: 'khac.pdf', bytes: PDF }]);
		await expect(open(school(a1.admin, a1.schoolId), pdf, other.id)).rejects.toMatchObject({
			status: 404
		});
	});

	it("a notice that includes teachers lets the target school's teachers download", async () => {
		const { id } = await send(department, [{ name: 'ke-hoach.pdf', bytes: PDF }], true);
		const [file] = await officialFiles(db, id);
		const opened = await openOfficialFile(
			db,
			storage.files,
			school(teacherA1, a1.schoolId),
			id,
			file.id
		);
		expect(await body(opened.stream)).toEqual(PDF);
		await expect(
			openOfficialFile(db, storage.files, official(officialB), id, file.id)
		).rejects.toMatchObject({ status: 404 });
	});

	it('refuses a file whose content is not a photo or PDF: nothing stored, no notice sent', async () => {
		const before = stored();
		const count = async () =>
			Number(
				(
					await db
						.selectFrom('official_notices')
						.select((eb) => eb.fn.countAll().as('n'))
						.where('department_id', '=', a1.departmentId)
						.executeTakeFirstOrThrow()
				).n
			);
		const notices = await count();
		for (const [files, code] of [
			[[{ name: 'cong-van.pdf', bytes: EXE }], 'messages_attachment_content_mismatch'],
			[[{ name: 'virus.exe', bytes: EXE }], 'messages_attachment_type_not_allowed'],
			[
				[{ name: 'lon.pdf', bytes: new Uint8Array(2048).fill(0x25) }],
				'messages_attachment_too_large'
			],
			[
				[
					{ name: 'ok.pdf', bytes: PDF },
					{ name: 'sai.png', bytes: PDF }
				],
				'messages_attachment_content_mismatch'
			]
		] as const)
			await expect(send(officialA, [...files]), code).rejects.toMatchObject({
				code,
				field: 'files'
			});
		expect(stored()).toBe(before);
		expect(await count()).toBe(notices);
	});
});
