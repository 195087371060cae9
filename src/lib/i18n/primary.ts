import type { PrimaryResult, QualityItem, QualityLevel, SubjectLevel } from '$lib/grades/primary';
import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Error texts of the primary assessment (Circular 27), spread into ERROR_TEXTS. */
export const PRIMARY_ERRORS: Record<string, (p: Params) => string> = {
	primary_v_test_not_a_number: () => m.primary_v_test_not_a_number(),
	primary_v_test_not_an_integer: () => m.primary_v_test_not_an_integer(),
	primary_v_test_out_of_range: () => m.primary_v_test_out_of_range(),
	primary_v_test_too_many_decimals: () => m.primary_v_test_too_many_decimals(),
	primary_v_no_test: () => m.primary_v_no_test(),
	primary_v_subject: () => m.primary_v_subject(),
	primary_locked: () => m.primary_locked(),
	primary_not_open: () => m.primary_not_open()
};

const LEVELS: Record<SubjectLevel, () => string> = {
	T: m.primary_level_T,
	H: m.primary_level_H,
	C: m.primary_level_C
};
export const subjectLevelLabel = (level: SubjectLevel) => LEVELS[level]();

const QLEVELS: Record<QualityLevel, () => string> = {
	tot: m.primary_qlevel_tot,
	dat: m.primary_qlevel_dat,
	can_co_gang: m.primary_qlevel_can_co_gang
};
export const qualityLevelLabel = (level: QualityLevel) => QLEVELS[level]();

const ITEMS: Record<QualityItem, () => string> = {
	yeu_nuoc: m.primary_quality_yeu_nuoc,
	nhan_ai: m.primary_quality_nhan_ai,
	cham_chi: m.primary_quality_cham_chi,
	trung_thuc: m.primary_quality_trung_thuc,
	trach_nhiem: m.primary_quality_trach_nhiem,
	tu_chu_tu_hoc: m.primary_quality_tu_chu_tu_hoc,
	giao_tiep_hop_tac: m.primary_quality_giao_tiep_hop_tac,
	giai_quyet_van_de: m.primary_quality_giai_quyet_van_de,
	ngon_ngu: m.primary_quality_ngon_ngu,
	tinh_toan: m.primary_quality_tinh_toan,
	khoa_hoc: m.primary_quality_khoa_hoc,
	cong_nghe: m.primary_quality_cong_nghe,
	tin_hoc: m.primary_quality_tin_hoc,
	tham_mi: m.primary_quality_tham_mi,
	the_chat: m.primary_quality_the_chat
};
export const qualityItemLabel = (item: QualityItem) => ITEMS[item]();

const RESULTS: Record<PrimaryResult, () => string> = {
	xuat_sac: m.primary_result_xuat_sac,
	tot: m.primary_result_tot,
	hoan_thanh: m.primary_result_hoan_thanh,
	chua_hoan_thanh: m.primary_result_chua_hoan_thanh
};
export const primaryResultLabel = (r: PrimaryResult) => RESULTS[r]();
