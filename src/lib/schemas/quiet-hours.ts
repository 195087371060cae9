import { z } from 'zod';
import { clockTimeField } from './office-hours';

/**
 * The notification settings form of `/account/notifications`: the e-mail and push categories and the
 * quiet hours (`quietStart`, `quietEnd`: 'HH:MM' or both empty). A range may wrap midnight
 * (21:00–06:30); 24:00 is midnight. Errors beside the field: a time that is not one
 * (`quiethours_v_time`), one of the two missing (`quiethours_v_pair`), the same start and end
 * (`quiethours_v_same`).
 */
const time = clockTimeField('quiethours_v_time').transform((minute) =>
	minute === null ? null : minute % 1440
);

export const notificationFormSchema = z
	.object({
		emailKinds: z.array(z.enum(['message', 'notice', 'auto'])).max(3),
		pushKinds: z
			.array(z.enum(['message', 'notice', 'auto']))
			.max(3)
			.optional(),
		quietStart: time,
		quietEnd: time
	})
	.transform((v, ctx) => {
		const { quietStart: start, quietEnd: end } = v;
		if ((start === null) !== (end === null)) {
			const path = [start === null ? 'quietStart' : 'quietEnd'];
			ctx.addIssue({ code: 'custom', message: 'quiethours_v_pair', path });
			return z.NEVER;
		}
		if (start !== null && start === end) {
			ctx.addIssue({ code: 'custom', message: 'quiethours_v_same', path: ['quietEnd'] });
			return z.NEVER;
		}
		const quiet = start === null || end === null ? null : { start, end };
		return {
			emailKinds: v.emailKinds,
			...(v.pushKinds ? { pushKinds: v.pushKinds } : {}),
			quiet
		};
	});

export type NotificationFormInput = z.infer<typeof notificationFormSchema>;
