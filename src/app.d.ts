import type { ApiTokenScope } from '$lib/server/auth/access';
import type { Principal, SessionInfo } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			user: Principal | null;
			session: SessionInfo | null;
			/** An API token given as `Authorization: Bearer` on /api/ paths (usage reporting). */
			apiToken: ApiTokenScope | null;
			locale: 'vi' | 'en';
		}
		interface PageData {
			title?: string;
		}
		namespace Superforms {
			type Message = import('$lib/types').FormMessage;
		}
	}
}

export {};
