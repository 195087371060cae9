import { z } from 'zod';
import { orgPaths } from './paths/org';
import { usagePaths } from './paths/usage';
import { rolloutPaths } from './paths/rollout';
import { timetablePaths } from './paths/timetable';
import { gradesPaths } from './paths/grades';
import { accountPaths } from './paths/account';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the endpoints use for
 * their answers (and the tests use to check them). Each module adds its paths file here.
 */
export interface Operation {
	summary: string;
	tags: string[];
	query?: z.ZodObject;
	params?: string[];
	body?: z.ZodType;
	auth?: 'session' | 'token' | 'session-or-token';
	/** a path outside the document's server (/api/v1): the server it is served from, e.g. '/' */
	server?: string;
	responses: Record<string, { schema?: z.ZodType; description?: string }>;
}
export type PathsObject = Record<
	string,
	Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>
>;

const MODULE_PATHS: PathsObject[] = [
	orgPaths,
	rolloutPaths,
	usagePaths,
	timetablePaths,
	gradesPaths,
	accountPaths
];

const jsonSchema = (schema: z.ZodType) =>
	z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });

function queryParameters(query: z.ZodObject) {
	const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as {
		properties?: Record<string, unknown>;
		required?: string[];
	};
	return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
		name,
		in: 'query',
		required: schema.required?.includes(name) ?? false,
		schema: s
	}));
}

export function buildOpenApi(serverUrl = '/api/v1') {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const group of MODULE_PATHS) {
		for (const [path, ops] of Object.entries(group)) {
			paths[path] ??= {};
			for (const [method, op] of Object.entries(ops)) {
				if (!op) continue;
				if (op.server) paths[path].servers = [{ url: op.server }];
				const security =
					op.auth === 'token'
						? [{ bearerToken: [] }]
						: op.auth === 'session-or-token'
							? [{ sessionCookie: [] }, { bearerToken: [] }]
							: [{ sessionCookie: [] }];
				paths[path][method] = {
					summary: op.summary,
					tags: op.tags,
					security,
					parameters: [
						...(op.params ?? []).map((name) => ({
							name,
							in: 'path',
							required: true,
							schema: { type: 'integer' }
						})),
						...(op.query ? queryParameters(op.query) : [])
					],
					...(op.body
						? {
								requestBody: {
									required: true,
									content: { 'application/json': { schema: jsonSchema(op.body) } }
								}
							}
						: {}),
					responses: Object.fromEntries(
						Object.entries<{ schema?: z.ZodType; description?: string }>({
							...op.responses,
							'401': { description: 'Not authenticated' }
						}).map(([status, r]) => [
							status,
							{
								description: r.description ?? (status.startsWith('2') ? 'OK' : 'Error'),
								...(r.schema
									? { content: { 'application/json': { schema: jsonSchema(r.schema) } } }
									: {})
							}
						])
					)
				};
			}
		}
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Trường Số API',
			version: '1.0.0',
			description:
				'The JSON API of the Trường Số portal. Every answer is limited to the caller’s scope; a resource outside it answers 404.'
		},
		servers: [{ url: serverUrl }],
		components: {
			securitySchemes: {
				sessionCookie: { type: 'apiKey', in: 'cookie', name: 'session' },
				bearerToken: { type: 'http', scheme: 'bearer' }
			}
		},
		paths
	};
}
