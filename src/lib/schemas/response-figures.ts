import { z } from 'zod';
import { isoDate, text } from './common';

/** `?month=yyyy-mm` of the response figures (anything else: the current month). */
export const figuresMonthSchema = z
	.string()
	.regex(/^20\d{2}-(?:0[1-9]|1[0-2])$/)
	.optional();

/** A school's day off: the day (yyyy-mm-dd or dd/mm/yyyy) and its name ("Giỗ Tổ Hùng Vương"). */
export const holidaySchema = z.object({ day: isoDate, name: text(100) });

/** Removing a day off: the day only. */
export const holidayDaySchema = z.object({ day: isoDate });
