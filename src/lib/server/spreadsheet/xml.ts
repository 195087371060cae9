import { SaxesParser } from 'saxes';
import type { ZipEntry } from '../../zip';
import { SpreadsheetError } from './errors';
import { inflateEntry, type InflateBudget } from './inflate';

export interface XmlHandlers {
	/** local name (without a namespace prefix) and attributes */
	open?: (name: string, attributes: Record<string, string>) => void;
	close?: (name: string) => void;
	text?: (text: string) => void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one XML part of the archive through a SAX parser while it inflates: the part is never
 * held whole in memory. A DOCTYPE is refused (no part of an XLSX has one; entity tricks need one).
 */
export function readXmlEntry(
	bytes: Uint8Array,
	entry: ZipEntry,
	budget: InflateBudget,
	handlers: XmlHandlers
): void {
	const parser = new SaxesParser();
	parser.on('doctype', () => {
		throw new SpreadsheetError('unreadable');
	});
	parser.on('error', () => {
		throw new SpreadsheetError('unreadable');
	});
	const { open, close, text } = handlers;
	if (open)
		parser.on('opentag', (tag) =>
			open(localName(tag.name), tag.attributes as Record<string, string>)
		);
	if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
	if (text) {
		parser.on('text', text);
		parser.on('cdata', text);
	}
	const decoder = new TextDecoder('utf-8');
	inflateEntry(bytes, entry, budget, (chunk) =>
		parser.write(decoder.decode(chunk, { stream: true }))
	);
	parser.write(decoder.decode());
	parser.close();
}
