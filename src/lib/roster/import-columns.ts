import { foldText } from '$lib/text';

/**
 * The file format of each import: its columns, their Vietnamese headers (the templates use these),
 * English headers and other accepted spellings. Matching ignores case, diacritics and punctuation,
 * so "Mã học sinh", "MA HOC SINH", "ma_hoc_sinh" and "Student code" are the same column.
 */
export const SCHOOL_IMPORT_KINDS = ['staff', 'classes', 'students', 'guardians'] as const;
export type SchoolImportKind = (typeof SCHOOL_IMPORT_KINDS)[number];
export type ImportKind = SchoolImportKind | 'schools';

export interface ImportColumn {
	field: string;
	vi: string;
	en: string;
	aliases: string[];
	required: boolean;
	example: string;
}

const col = (
	field: string,
	vi: string,
	en: string,
	required: boolean,
	example: string,
	aliases: string[] = []
): ImportColumn => ({ field, vi, en, aliases, required, example });

const PHONE = ['dien thoai', 'sdt', 'so dt', 'phone number', 'mobile'];
const EMAIL = ['e-mail', 'mail', 'thu dien tu'];

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
	staff: [
		col('code', 'Mã giáo viên', 'Teacher code', true, 'GV101', [
			'ma gv',
			'ma can bo',
			'staff code',
			'code'
		]),
		col('fullName', 'Họ và tên', 'Full name', true, 'Nguyễn Thị Hồng', ['ho ten', 'name']),
		col('position', 'Chức vụ', 'Position', false, 'Giáo viên'),
		col('email', 'Email', 'E-mail', false, 'hong.nt@truong.edu.vn', EMAIL),
		col('phone', 'Số điện thoại', 'Phone', false, '0912345678', PHONE),
		col('subjects', 'Môn giảng dạy', 'Subjects taught', false, 'Toán; Tin học', [
			'mon day',
			'mon',
			'subjects'
		])
	],
	classes: [
		col('grade', 'Khối', 'Grade', true, '6', ['khoi lop']),
		col('name', 'Tên lớp', 'Class name', true, '6A', ['lop', 'class']),
		col('homeroom', 'Mã GV chủ nhiệm', 'Homeroom teacher code', false, 'GV101', [
			'gvcn',
			'ma gvcn',
			'giao vien chu nhiem',
			'homeroom teacher',
			'homeroom'
		])
	],
	students: [
		col('code', 'Mã học sinh', 'Student code', true, 'HS2026001', ['ma hs', 'pupil code', 'code']),
		col('fullName', 'Họ và tên', 'Full name', true, 'Giàng Thị Sang', ['ho ten', 'name']),
		col('dateOfBirth', 'Ngày sinh', 'Date of birth', true, '05/09/2014', [
			'dob',
			'birth date',
			'birthday'
		]),
		col('gender', 'Giới tính', 'Gender', false, 'Nữ', ['sex']),
		col('ethnicity', 'Dân tộc', 'Ethnicity', false, 'Mông', ['ethnic group']),
		col('className', 'Lớp', 'Class', false, '6A', ['ten lop', 'class name'])
	],
	guardians: [
		col('studentCode', 'Mã học sinh', 'Student code', true, 'HS2026001', ['ma hs', 'pupil code']),
		col('fullName', 'Họ và tên phụ huynh', 'Guardian name', true, 'Giàng A Páo', [
			'ten phu huynh',
			'phu huynh',
			'ho va ten',
			'full name'
		]),
		col('relationship', 'Quan hệ', 'Relationship', true, 'Bố', ['quan he voi hoc sinh']),
		col('phone', 'Số điện thoại', 'Phone', false, '0987654321', PHONE),
		col('email', 'Email', 'E-mail', false, '', EMAIL)
	],
	schools: [
		col('code', 'Mã trường', 'School code', true, 'YB-THCS-099', ['school code', 'code']),
		col('name', 'Tên trường', 'School name', true, 'Trường THCS Lê Hồng Phong', ['name']),
		col('level', 'Cấp học', 'Level', true, 'THCS', ['cap', 'loai truong']),
		col('area', 'Khu vực', 'Area', true, 'Thành phố Yên Bái', ['huyen', 'don vi', 'district']),
		col('commune', 'Xã/phường', 'Commune', false, 'Nguyễn Phúc', [
			'xa',
			'phuong',
			'xa phuong',
			'ward'
		]),
		col('address', 'Địa chỉ', 'Address', false, 'Phường Nguyễn Phúc, Yên Bái'),
		col('principalName', 'Hiệu trưởng', 'Principal', false, 'Trần Văn Bình', ['principal name']),
		col('phone', 'Số điện thoại', 'Phone', false, '02163852111', PHONE),
		col('email', 'Email', 'E-mail', false, 'thcslhp@yenbai.edu.vn', EMAIL)
	]
};

/** A header as compared: folded, punctuation and repeated spaces removed. */
export function headerKey(header: string): string {
	return foldText(header.replace(/^\uFEFF/, ''))
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** The field each header of the file stands for (null: a column the import does not use). */
export function matchHeaders(kind: ImportKind, headers: string[]): (string | null)[] {
	const names = new Map<string, string>();
	for (const c of IMPORT_COLUMNS[kind]) {
		for (const n of [c.vi, c.en, ...c.aliases]) names.set(headerKey(n), c.field);
	}
	return headers.map((h) => names.get(headerKey(h)) ?? null);
}
