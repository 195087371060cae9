import type { DB } from '../db';
import type { SchoolLevel } from '../db/schema';
import type { Random } from './random';

/**
 * The demo province: Sở GD&ĐT Yên Bái, its 9 former district-level units (before 01/07/2025) and
 * 123 schools. Commune names are real communes of each former district; school names follow
 * shared/domain/naming.md. Levels lean on the province's mix (TH&THCS most common; PTDTBT in the
 * highlands of Mù Cang Chải and Trạm Tấu).
 */
export const AREAS = [
	{ code: 'YB', name: 'Thành phố Yên Bái', kind: 'city', schools: 18 },
	{ code: 'NL', name: 'Thị xã Nghĩa Lộ', kind: 'town', schools: 8 },
	{ code: 'LY', name: 'Lục Yên', kind: 'district', schools: 15 },
	{ code: 'VY', name: 'Văn Yên', kind: 'district', schools: 16 },
	{ code: 'MCC', name: 'Mù Cang Chải', kind: 'district', schools: 12 },
	{ code: 'TY', name: 'Trấn Yên', kind: 'district', schools: 13 },
	{ code: 'TT', name: 'Trạm Tấu', kind: 'district', schools: 8 },
	{ code: 'VC', name: 'Văn Chấn', kind: 'district', schools: 18 },
	{ code: 'YBI', name: 'Yên Bình', kind: 'district', schools: 15 }
] as const;

export type AreaCode = (typeof AREAS)[number]['code'];

const COMMUNES: Record<AreaCode, string[]> = {
	YB: [
		'Đồng Tâm',
		'Hồng Hà',
		'Hợp Minh',
		'Minh Tân',
		'Nam Cường',
		'Nguyễn Phúc',
		'Nguyễn Thái Học',
		'Yên Ninh',
		'Yên Thịnh',
		'Âu Lâu',
		'Giới Phiên',
		'Minh Bảo',
		'Tân Thịnh',
		'Tuy Lộc',
		'Văn Phú'
	],
	NL: [
		'Pú Trạng',
		'Trung Tâm',
		'Tân An',
		'Cầu Thia',
		'Nghĩa An',
		'Nghĩa Lợi',
		'Nghĩa Phúc',
		'Nghĩa Lộ'
	],
	LY: [
		'Yên Thế',
		'Khánh Hòa',
		'Minh Xuân',
		'An Phú',
		'Mường Lai',
		'Lâm Thượng',
		'Tân Lĩnh',
		'Khai Trung',
		'Động Quan',
		'Phúc Lợi',
		'Mai Sơn',
		'Tô Mậu',
		'Minh Chuẩn',
		'Vĩnh Lạc',
		'Liễu Đô',
		'Trúc Lâu'
	],
	VY: [
		'Mậu A',
		'An Thịnh',
		'Đông Cuông',
		'Mậu Đông',
		'Ngòi A',
		'Xuân Ái',
		'Yên Hợp',
		'Đại Sơn',
		'Châu Quế Hạ',
		'Châu Quế Thượng',
		'Lâm Giang',
		'Đông An',
		'Phong Dụ Hạ',
		'Phong Dụ Thượng',
		'Mỏ Vàng',
		'Nà Hẩu',
		'Xuân Tầm'
	],
	MCC: [
		'Hồ Bốn',
		'Nậm Có',
		'Khao Mang',
		'Mồ Dề',
		'Chế Cu Nha',
		'Lao Chải',
		'Kim Nọi',
		'Cao Phạ',
		'La Pán Tẩn',
		'Dế Su Phình',
		'Chế Tạo',
		'Púng Luông',
		'Nậm Khắt'
	],
	TY: [
		'Cổ Phúc',
		'Hưng Khánh',
		'Hồng Ca',
		'Lương Thịnh',
		'Việt Cường',
		'Minh Quân',
		'Báo Đáp',
		'Đào Thịnh',
		'Quy Mông',
		'Kiên Thành',
		'Y Can',
		'Hòa Cuông',
		'Nga Quán',
		'Việt Thành'
	],
	TT: [
		'Bản Công',
		'Bản Mù',
		'Hát Lừu',
		'Làng Nhì',
		'Pá Hu',
		'Pá Lau',
		'Phình Hồ',
		'Tà Xi Láng',
		'Túc Đán',
		'Xà Hồ'
	],
	VC: [
		'Sơn Thịnh',
		'Cát Thịnh',
		'Chấn Thịnh',
		'Đại Lịch',
		'Tân Thịnh',
		'Thượng Bằng La',
		'Nghĩa Tâm',
		'Minh An',
		'Suối Giàng',
		'Suối Bu',
		'Suối Quyền',
		'Nậm Búng',
		'Nậm Lành',
		'Gia Hội',
		'Sơn Lương',
		'Tú Lệ',
		'Nghĩa Sơn',
		'Phù Nham',
		'An Lương'
	],
	YBI: [
		'Yên Bình',
		'Thác Bà',
		'Cảm Ân',
		'Bảo Ái',
		'Tân Hương',
		'Đại Đồng',
		'Phúc An',
		'Phú Thịnh',
		'Vĩnh Kiên',
		'Vũ Linh',
		'Bạch Hà',
		'Cảm Nhân',
		'Yên Thành',
		'Xuân Long',
		'Mông Sơn',
		'Hán Đà'
	]
};

/** Named schools (not derived from a commune): upper secondary and boarding schools. */
const NAMED: Record<AreaCode, [SchoolLevel, string, string][]> = {
	YB: [
		['THPT', 'Trường THPT Chuyên Nguyễn Tất Thành', 'Yên Thịnh'],
		['THCS', 'Trường THCS Quang Trung', 'Nguyễn Thái Học'],
		['THPT', 'Trường THPT Nguyễn Huệ', 'Đồng Tâm'],
		['THPT', 'Trường THPT Lý Thường Kiệt', 'Nam Cường'],
		['THCS', 'Trường THCS Lê Hồng Phong', 'Hồng Hà'],
		['TH', 'Trường TH Kim Đồng', 'Minh Tân']
	],
	NL: [
		['PTDTNT_THPT', 'Trường PTDTNT THPT Miền Tây', 'Nghĩa Lợi'],
		['THPT', 'Trường THPT Nghĩa Lộ', 'Trung Tâm']
	],
	LY: [
		['THPT', 'Trường THPT Hoàng Văn Thụ', 'Yên Thế'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Lục Yên', 'Yên Thế']
	],
	VY: [
		['THPT', 'Trường THPT Chu Văn An', 'Mậu A'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Văn Yên', 'An Thịnh']
	],
	MCC: [
		['THPT', 'Trường THPT Mù Cang Chải', 'Kim Nọi'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Mù Cang Chải', 'Kim Nọi']
	],
	TY: [
		['THPT', 'Trường THPT Lê Quý Đôn', 'Cổ Phúc'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Trấn Yên', 'Cổ Phúc']
	],
	TT: [
		['THPT', 'Trường THPT Trạm Tấu', 'Bản Công'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Trạm Tấu', 'Bản Công']
	],
	VC: [
		['THPT', 'Trường THPT Văn Chấn', 'Sơn Thịnh'],
		['THPT', 'Trường THPT Sơn Thịnh', 'Sơn Thịnh'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Văn Chấn', 'Sơn Thịnh']
	],
	YBI: [
		['THPT', 'Trường THPT Trần Nhật Duật', 'Yên Bình'],
		['THPT', 'Trường THPT Thác Bà', 'Thác Bà'],
		['PTDTNT_THCS', 'Trường PTDTNT THCS huyện Yên Bình', 'Yên Bình']
	]
};

const LEVEL_PREFIX: Record<SchoolLevel, string> = {
	MN: 'Trường Mầm non',
	TH: 'Trường TH',
	THCS: 'Trường THCS',
	THPT: 'Trường THPT',
	TH_THCS: 'Trường TH&THCS',
	THCS_THPT: 'Trường THCS&THPT',
	PTDTBT_TH: 'Trường PTDTBT TH',
	PTDTBT_THCS: 'Trường PTDTBT THCS',
	PTDTBT_TH_THCS: 'Trường PTDTBT TH&THCS',
	PTDTNT_THCS: 'Trường PTDTNT THCS',
	PTDTNT_THPT: 'Trường PTDTNT THPT',
	PTDTNT_THCS_THPT: 'Trường PTDTNT THCS&THPT'
};

const HIGHLAND = new Set<AreaCode>(['MCC', 'TT']);

function communeLevels(area: AreaCode): [SchoolLevel, number][] {
	if (HIGHLAND.has(area))
		return [
			['PTDTBT_TH_THCS', 5],
			['PTDTBT_TH', 3],
			['PTDTBT_THCS', 2],
			['TH_THCS', 1]
		];
	if (area === 'YB' || area === 'NL')
		return [
			['TH', 4],
			['THCS', 3],
			['TH_THCS', 2]
		];
	return [
		['TH_THCS', 6],
		['TH', 3],
		['THCS', 2],
		['PTDTBT_TH_THCS', 1]
	];
}

export interface SeedSchool {
	code: string;
	name: string;
	level: SchoolLevel;
	areaCode: AreaCode;
	commune: string;
}

export function planSchools(rng: Random): SeedSchool[] {
	const schools: SeedSchool[] = [];
	AREAS.forEach((area, areaIndex) => {
		const planned: [SchoolLevel, string, string][] = [...NAMED[area.code]];
		const used = new Set(planned.map(([, name]) => name));
		const communes = COMMUNES[area.code];
		let i = 0;
		while (planned.length < area.schools) {
			const commune = communes[i % communes.length];
			const level = rng.weighted(communeLevels(area.code));
			// A second school in the same commune gets the other level.
			const lvl = i >= communes.length ? (level === 'TH' ? 'THCS' : 'TH') : level;
			const name = `${LEVEL_PREFIX[lvl]} ${commune}`;
			if (!used.has(name)) {
				used.add(name);
				planned.push([lvl, name, commune]);
			}
			i++;
		}
		planned.forEach(([level, name, commune], n) => {
			schools.push({
				code: `15${String(areaIndex + 1).padStart(2, '0')}${String(n + 1).padStart(3, '0')}`,
				name,
				level,
				areaCode: area.code,
				commune
			});
		});
	});
	return schools;
}

/** Typical size by level: [min, max] students and students per class. */
const SIZE: Partial<Record<SchoolLevel, [number, number, number]>> = {
	TH: [180, 650, 30],
	THCS: [220, 760, 38],
	THPT: [650, 1350, 40],
	TH_THCS: [260, 820, 30],
	PTDTBT_TH: [220, 720, 28],
	PTDTBT_THCS: [180, 480, 32],
	PTDTBT_TH_THCS: [300, 760, 28],
	PTDTNT_THCS: [140, 280, 35],
	PTDTNT_THPT: [420, 600, 35]
};

export async function seedProvince(db: DB, rng: Random) {
	const department = await db
		.insertInto('departments')
		.values({ code: 'YB', name: 'Sở Giáo dục và Đào tạo Yên Bái', province_name: 'Yên Bái' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const areaRows = await db
		.insertInto('areas')
		.values(
			AREAS.map((a) => ({
				department_id: department.id,
				code: a.code,
				name: a.name,
				kind: a.kind,
				valid_to: '2025-06-30'
			}))
		)
		.returning(['id', 'code'])
		.execute();
	const areaIds = new Map(areaRows.map((a) => [a.code as AreaCode, a.id]));
	const plan = planSchools(rng);
	const rows = await db
		.insertInto('schools')
		.values(
			plan.map((s) => {
				const [min, max, perClass] = SIZE[s.level] ?? [200, 600, 32];
				const students = rng.int(min, max);
				const classes = Math.max(5, Math.round(students / perClass));
				return {
					department_id: department.id,
					area_id: areaIds.get(s.areaCode)!,
					code: s.code,
					name: s.name,
					level: s.level,
					commune: s.commune,
					address: `${s.commune}, ${AREAS.find((a) => a.code === s.areaCode)!.name}, Yên Bái`,
					declared_student_count: students,
					declared_class_count: classes,
					staff_count:
						Math.round(classes * (s.level.includes('TH_') || s.level === 'TH' ? 1.6 : 2.1)) + 6
				};
			})
		)
		.returning(['id', 'code', 'name', 'area_id', 'level', 'staff_count'])
		.execute();
	return { departmentId: department.id, areaIds, schools: rows, plan };
}
