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
/** The callers who teach a class (the gate of /teacher is `class.teach`). */
export const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];

/** Ids of demo rows the paths need, looked up once per run (see matrix/ids.ts). */
export interface MatrixIds {
	quangTrung: number;
	nguyenTatThanh: number;
	/** a school of the Văn Yên area */
	vanYenSchool: number;
	/** rows of THCS Quang Trung's roster and import batches the matrix uploads (see matrix/ids.ts) */
	roster: {
		staff: number;
		cls: number;
		/** the class whose homeroom teacher `teacher_qt` is (8A) */
		homeroomCls: number;
		student: number;
		guardian: number;
		/** a valid batch, shown and then discarded */
		batch: string;
		/** a batch with an error row: confirming it changes nothing (409) */
		badBatch: string;
		deptBatch: string;
		deptBadBatch: string;
	};
	/** rollout rows (see matrix/ids.ts) */
	rollout: RolloutIds;
	/** a usage entry that `teacher_qt` logged */
	usageEntry: number;
	/**
	 * the demo teacher's first gradebook, the demo parent's first child, another family's child and
	 * the demo teacher's homeroom class (attendance)
	 */
	grades: {
		book: string;
		ownChild: number;
		otherChild: number;
		rollClass: number;
		/** a pupil of `rollClass` (report cards) */
		homeroomPupil: number;
	};
	/** the demo teacher's first gradebook as a grades API path (`?subject=<id>&semester=<1|2>`) */
	gradesApi: {
		book: string;
		childInHomeroom: number;
		childElsewhere: number;
		homeroomOther: number;
	};
	/** a published timetable of Quang Trung and the demo parent's child (see matrix/timetable.ts) */
	timetable: { version: number; child: number; absence: number };
	/** demo conversations (see matrix/messages.ts) */
	messages: MessagesIds;
	/** a primary class of TH&THCS Đông Cuông and a primary pupil there (matrix/primary.ts) */
	primary: { cls: number; pupil: number; school: number; cardPupil: number };
	/** the seeded official notices: the department's to the province, Văn Yên's to its schools */
	officialNotices: {
		province: number;
		area: number;
		/** a notice the matrix sends from Văn Yên to its schools with a PDF, and that file */
		withFile: number;
		file: number;
	};
}

export interface MessagesIds {
	family: number;
	office: number;
	otherFamily: number;
	otherSchool: number;
	/** the seeded notice to the Quang Trung families (asks for confirmation) and to its staff */
	familyNotice: number;
	staffNotice: number;
	/** the demo parent's seeded leave request */
	leave: number;
	/** a PDF the matrix sends with a new conversation of the demo parent and the 8A homeroom */
	attachment: number;
}

export interface RolloutIds {
	/** TH&THCS Đông Cuông (Văn Yên), whose admin is `admin_dc` */
	dongCuong: number;
	qtChecklist: number;
	qtItem: number;
	dcChecklist: number;
	dcItem: number;
	/** an evidence file the matrix uploads to an open checklist of Đông Cuông */
	dcEvidence: number;
	/** a draft revision the matrix makes of a published template */
	template: number;
	criterion: number;
	wave: number;
	platform: number;
}

export interface MatrixRow {
	/** What is being reached, for the test name. */
	name: string;
	method?: 'GET' | 'POST' | 'PUT';
	path: (ids: MatrixIds) => string;
	/**
	 * Form fields for POST rows: empty or invalid, so that an allowed caller's call changes nothing
	 * (a validation failure, 400) and every other caller's is refused before the form is read.
	 */
	form?: Record<string, string>;
	/** The JSON body of a PUT row (invalid, so that an allowed caller's call changes nothing). */
	json?: unknown;
	/** The callers allowed. */
	allow: Caller[];
	/**
	 * What every allowed caller gets: 200 for a page, 400 for an empty form, 303 for a redirect, 409
	 * for a refused confirmation.
	 */
	status: number;
	/** What every other signed-in caller gets: 404 (the resource stays private) unless said. */
	denied?: number;
	/**
	 * What an anonymous caller gets: by default the sign-in page (303 to /login) or, on the JSON API,
	 * 401; public routes name their status.
	 */
	anonymous?: number;
	/** API rows answer JSON (anonymous: 401 instead of a redirect to the sign-in page). */
	api?: boolean;
	/** The call ends the caller's session (sign-out): each caller gets a session of its own. */
	ownSession?: boolean;
}
