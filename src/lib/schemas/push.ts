import { z } from 'zod';

/**
 * The body of `POST /account/notifications/push` (JSON): a browser's PushSubscription to keep, or
 * one to forget. The endpoint must be an https URL without credentials or control characters; its
 * host is checked against the allowed push services on the server (`pushHostAllowed`). Keys are
 * base64url: p256dh an uncompressed P-256 point (65 bytes), auth 16 bytes.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
export const PUSH_ENDPOINT_MAX = 2048;

const endpoint = z
	.string()
	.max(PUSH_ENDPOINT_MAX, { message: 'push_v_endpoint' })
	.refine((v) => !CONTROL.test(v), { message: 'push_v_endpoint' })
	.refine(
		(v) => {
			try {
				const url = new URL(v);
				return url.protocol === 'https:' && !url.username && !url.password && !url.hash;
			} catch {
				return false;
			}
		},
		{ message: 'push_v_endpoint' }
	);

/** base64url of 65 bytes starting with 0x04 (87 characters, the first 'B') and of 16 bytes. */
const p256dh = z
	.string()
	.max(200, { message: 'push_v_keys' })
	.regex(/^B[A-Za-z0-9_-]{85}[AEIMQUYcgkosw048]=?$/, { message: 'push_v_keys' });
const auth = z
	.string()
	.max(200, { message: 'push_v_keys' })
	.regex(/^[A-Za-z0-9_-]{21}[AQgw](==)?$/, { message: 'push_v_keys' });

export const pushSubscribeSchema = z.object({
	action: z.literal('subscribe'),
	subscription: z.object({
		endpoint,
		expirationTime: z.number().nullable().optional(),
		keys: z.object({ p256dh, auth })
	})
});

export const pushUnsubscribeSchema = z.object({
	action: z.literal('unsubscribe'),
	endpoint
});

export const pushRequestSchema = z.discriminatedUnion('action', [
	pushSubscribeSchema,
	pushUnsubscribeSchema
]);

export type PushRequest = z.infer<typeof pushRequestSchema>;
