import type { MatrixRow } from './types';

/** Background jobs: the state of the queue is the department's alone. */
export const jobsRows: MatrixRow[] = [
	{ name: 'background jobs', path: () => '/department/jobs', allow: ['department'], status: 200 }
];
