/** The callers of the authorization matrix: one demo account per role and scope. */
export const CALLERS = {
	department: 'so@demo.example',
	area_vanyen: 'vanyen@demo.example',
	admin_qt: 'quangtrung.admin@demo.example',
	admin_ntt: 'nguyentatthanh.admin@demo.example',
	teacher_qt: 'quangtrung.gv@demo.example',
	teacher_ntt: 'nguyentatthanh.gv@demo.example',
	parent_qt: 'quangtrung.ph@demo.example',
	admin_dc: 'dongcuong.admin@demo.example'
} as const;

export type Caller = keyof typeof CALLERS;
export const ALL: Caller[] = Object.keys(CALLERS) as Caller[];
export const OFFICIALS: Caller[] = ['department', 'area_vanyen'];

/** Ids of demo rows the paths need, looked up once per run (see authorization-matrix.test.ts). */
export interface MatrixIds {
	quangTrung: number;
	nguyenTatThanh: number;
	/** a school of the Văn Yên area */
	vanYenSchool: number;
	/** rows of THCS Quang Trung's roster and two import batches (see matrix/roster.ts) */
	roster: {
		staff: number;
		cls: number;
		student: number;
		guardian: number;
		batch: string;
		deptBatch: string;
	};
	/** rollout rows (see matrix/rollout.ts) */
	rollout: RolloutIds;
	/** the demo teacher's first gradebook (see matrix/grades.ts) */
	grades: { book: string };
}

export interface RolloutIds {
	/** TH&THCS Đông Cuông (Văn Yên), whose admin is `admin_dc` */
	dongCuong: number;
	qtChecklist: number;
	qtItem: number;
	dcChecklist: number;
	dcItem: number;
	template: number;
	wave: number;
	platform: number;
}

export interface MatrixRow {
	/** What is being reached, for the test name. */
	name: string;
	method?: 'GET' | 'POST';
	path: (ids: MatrixIds) => string;
	/** Form fields for POST rows (an empty or invalid body is fine: allowed callers get 400, not 200). */
	form?: Record<string, string>;
	/** The callers allowed; every other signed-in caller must get 404, anonymous 401/redirect. */
	allow: Caller[];
	/** API rows answer JSON (anonymous: 401 instead of a redirect to the sign-in page). */
	api?: boolean;
}
