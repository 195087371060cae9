import { z } from 'zod';
import { pushRequestSchema } from '../../../schemas/push';
import type { PathsObject } from '../openapi';

/**
 * The JSON endpoints of a signed-in user's own account, outside /api/v1 (served at the portal's
 * root: `server: '/'`): the own-data export and the browser push subscriptions (issue 13).
 */
const errorSchema = z.object({ error: z.string().describe('an error code, e.g. push_v_endpoint') });

export const accountPaths: PathsObject = {
	'/account/data': {
		get: {
			summary:
				'The caller’s own data (account, roles, children, consents, messages’ metadata) as a JSON download',
			tags: ['account'],
			server: '/',
			responses: { '200': { description: 'A JSON document of the caller’s own data' } }
		}
	},
	'/account/notifications/push': {
		post: {
			summary:
				'Keeps or forgets one of the caller’s Web Push subscriptions (application/json only, at most 8 kB)',
			tags: ['account'],
			server: '/',
			body: pushRequestSchema,
			responses: {
				'200': { schema: z.object({ ok: z.literal(true), subscribed: z.boolean() }) },
				'400': {
					schema: errorSchema,
					description: 'Malformed, too long, or an unknown push service'
				}
			}
		}
	}
};
