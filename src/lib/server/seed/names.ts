import type { Random } from './random';

/** Name pools for realistic demo people (shared/domain/naming.md). */
const KINH_FAMILY: [string, number][] = [
	['Nguyễn', 38],
	['Trần', 11],
	['Lê', 9.5],
	['Phạm', 7],
	['Hoàng', 5],
	['Phan', 4.5],
	['Vũ', 3.9],
	['Đặng', 2.1],
	['Bùi', 2],
	['Đỗ', 1.4],
	['Hồ', 1],
	['Ngô', 1],
	['Dương', 1],
	['Lý', 0.8],
	['Đinh', 0.8]
];
const MIDDLE_M = [
	'Văn',
	'Văn',
	'Minh',
	'Đức',
	'Quang',
	'Gia',
	'Bảo',
	'Thành',
	'Hữu',
	'Tuấn',
	'Anh'
];
const MIDDLE_F = [
	'Thị',
	'Thị',
	'Ngọc',
	'Thu',
	'Minh',
	'Thanh',
	'Khánh',
	'Phương',
	'Bảo',
	'Hồng',
	'Mai'
];
const GIVEN_M = [
	'An',
	'Bình',
	'Công',
	'Cường',
	'Dũng',
	'Đạt',
	'Hải',
	'Hiếu',
	'Hoàng',
	'Hùng',
	'Hưng',
	'Huy',
	'Khang',
	'Khánh',
	'Kiên',
	'Lâm',
	'Long',
	'Lộc',
	'Minh',
	'Nam',
	'Nghĩa',
	'Phong',
	'Phúc',
	'Quân',
	'Sơn',
	'Tài',
	'Thắng',
	'Thành',
	'Tiến',
	'Trung',
	'Tuấn',
	'Việt',
	'Vinh'
];
const GIVEN_F = [
	'Anh',
	'Châu',
	'Chi',
	'Diệp',
	'Dung',
	'Giang',
	'Hà',
	'Hạnh',
	'Hằng',
	'Hoa',
	'Hồng',
	'Hương',
	'Huyền',
	'Lan',
	'Linh',
	'Loan',
	'Mai',
	'My',
	'Nga',
	'Ngân',
	'Ngọc',
	'Nhung',
	'Oanh',
	'Phương',
	'Quỳnh',
	'Tâm',
	'Thảo',
	'Thư',
	'Trang',
	'Uyên',
	'Vân',
	'Yến'
];
const TAY_FAMILY: [string, number][] = [
	['Hoàng', 5],
	['Hà', 4],
	['Nông', 4],
	['Lương', 2],
	['Ma', 2],
	['Triệu', 2],
	['Bế', 1],
	['Lục', 1],
	['Hứa', 1]
];
const THAI_FAMILY: [string, number][] = [
	['Lò', 5],
	['Lường', 4],
	['Hoàng', 3],
	['Cầm', 3],
	['Điêu', 1],
	['Hà', 2],
	['Quàng', 1],
	['Tòng', 1]
];
const DAO_FAMILY: [string, number][] = [
	['Triệu', 5],
	['Bàn', 4],
	['Đặng', 3],
	['Lý', 2],
	['Phùng', 1],
	['Chảo', 1],
	['Tẩn', 1]
];
const MONG_FAMILY: [string, number][] = [
	['Giàng', 6],
	['Sùng', 4],
	['Vàng', 4],
	['Lý', 3],
	['Thào', 3],
	['Mùa', 3],
	['Hờ', 2],
	['Lầu', 2],
	['Vừ', 1]
];
const MONG_GIVEN_M = [
	'Páo',
	'Chứ',
	'Dế',
	'Sử',
	'Tủa',
	'Lử',
	'Pó',
	'Sua',
	'Co',
	'Ly',
	'Nủ',
	'Chống'
];
const MONG_GIVEN_F = ['Mỷ', 'Dợ', 'Sua', 'Pằng', 'Mai', 'Chi', 'Sang', 'Hồng', 'Nhìa', 'Dung'];

/** Ethnic mix per area code (yenbai.md §3), as [ethnicity code, weight]. */
export const AREA_ETHNIC_MIX: Record<string, [string, number][]> = {
	YB: [
		['01', 88],
		['02', 8],
		['09', 2],
		['03', 2]
	],
	NL: [
		['01', 55],
		['03', 35],
		['06', 5],
		['09', 5]
	],
	LY: [
		['02', 55],
		['01', 25],
		['07', 10],
		['09', 10]
	],
	VY: [
		['01', 50],
		['09', 30],
		['02', 15],
		['40', 5]
	],
	MCC: [
		['08', 92],
		['03', 4],
		['01', 4]
	],
	TY: [
		['01', 70],
		['02', 15],
		['09', 15]
	],
	TT: [
		['08', 72],
		['03', 18],
		['01', 10]
	],
	VC: [
		['01', 40],
		['03', 30],
		['06', 10],
		['09', 12],
		['29', 3],
		['08', 5]
	],
	YBI: [
		['01', 60],
		['02', 20],
		['15', 12],
		['09', 8]
	]
};

export type Gender = 'M' | 'F';

export function personName(rng: Random, ethnicity: string, gender: Gender): string {
	if (ethnicity === '08') {
		const family = rng.weighted(MONG_FAMILY);
		return gender === 'M'
			? `${family} A ${rng.pick(MONG_GIVEN_M)}`
			: `${family} Thị ${rng.pick(MONG_GIVEN_F)}`;
	}
	const family =
		ethnicity === '02' || ethnicity === '07' || ethnicity === '15'
			? rng.weighted(TAY_FAMILY)
			: ethnicity === '03' || ethnicity === '06'
				? rng.weighted(THAI_FAMILY)
				: ethnicity === '09'
					? rng.weighted(DAO_FAMILY)
					: rng.weighted(KINH_FAMILY);
	const middle = rng.pick(gender === 'M' ? MIDDLE_M : MIDDLE_F);
	const given = rng.pick(gender === 'M' ? GIVEN_M : GIVEN_F);
	return `${family} ${middle} ${given}`;
}

export function kinhName(rng: Random, gender: Gender): string {
	return personName(rng, '01', gender);
}

export function phoneNumber(rng: Random): string {
	const prefix = rng.pick(['090', '091', '094', '096', '097', '098', '086', '088', '083', '084']);
	return `${prefix}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}
