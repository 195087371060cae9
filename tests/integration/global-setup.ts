import type { TestProject } from 'vitest/node';
import { createThrowawayDatabase } from '../helpers/database';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
		databaseKind: 'postgres' | 'embedded';
	}
}

/** One migrated, demo-seeded throwaway database for the integration run; dropped at the end. */
export default async function setup(project: TestProject) {
	const database = await createThrowawayDatabase('trs_it');
	project.provide('databaseUrl', database.url);
	project.provide('databaseKind', database.kind);
	return async () => {
		await database.drop();
	};
}
