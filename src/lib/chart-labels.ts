/**
 * Chart labels are never cut (issue 9, item 8): Chart.js gives a category axis a limited share of
 * the canvas and clips what does not fit, so a long platform name lost its end even on a desktop.
 * Labels are wrapped at word boundaries into lines (Chart.js draws an array as several lines),
 * never shortened; a single word longer than a line is split at the line length.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		let rest = word;
		while (rest.length > maxChars) {
			if (line) lines.push(line);
			line = '';
			lines.push(rest.slice(0, maxChars));
			rest = rest.slice(maxChars);
		}
		if (!line) line = rest;
		else if (line.length + 1 + rest.length <= maxChars) line = `${line} ${rest}`;
		else {
			lines.push(line);
			line = rest;
		}
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

/** How many characters a label line may take on a canvas this wide (a third of it, 10–32). */
export function labelLineChars(canvasWidth: number, horizontal: boolean): number {
	const share = horizontal ? canvasWidth / 3 : canvasWidth / 8;
	return Math.max(10, Math.min(32, Math.floor(share / 7)));
}

/** The height a horizontal bar chart needs so that every wrapped label has room (px). */
export function horizontalChartHeight(lines: number[], minimum: number): number {
	const rows = lines.reduce((sum, n) => sum + Math.max(28, n * 15 + 10), 0);
	return Math.max(minimum, rows + 80);
}
