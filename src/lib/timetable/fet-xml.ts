/**
 * A small element tree of an XML document for the FET import (pure; saxes, a strict streaming
 * parser): every element keeps its line and column so that errors say where. Refused before any
 * parsing: a file over MAX_FET_BYTES, NUL bytes; while parsing: a DOCTYPE (entity declarations,
 * the XML bomb), too many elements, too deep a tree, and anything saxes finds not well-formed.
 */
import { SaxesParser } from 'saxes';

export const MAX_FET_BYTES = 5_000_000;
const MAX_ELEMENTS = 300_000;
const MAX_DEPTH = 32;

export interface XmlElement {
	name: string;
	line: number;
	column: number;
	children: XmlElement[];
	text: string;
}

export interface XmlError {
	line: number;
	column: number;
	/** the element the error is in or about ('' for the document) */
	element: string;
	message: string;
}

export class XmlReadError extends Error {
	constructor(readonly where: XmlError) {
		super(
			`${where.line}:${where.column}${where.element ? ` <${where.element}>` : ''}: ${where.message}`
		);
	}
}

function nulPosition(text: string) {
	const at = text.indexOf('\0');
	if (at < 0) return null;
	const before = text.slice(0, at);
	const line = before.split('\n').length;
	return { line, column: at - before.lastIndexOf('\n') };
}

/** the document's root element, or an XmlReadError saying where and what is wrong */
export function readXml(text: string): XmlElement {
	if (text.length > MAX_FET_BYTES)
		throw new XmlReadError({
			line: 1,
			column: 1,
			element: '',
			message: `larger than ${MAX_FET_BYTES} bytes`
		});
	const nul = nulPosition(text);
	if (nul) throw new XmlReadError({ ...nul, element: '', message: 'NUL byte in the file' });
	const parser = new SaxesParser({ position: true });
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	let count = 0;
	const fail = (message: string): never => {
		throw new XmlReadError({
			line: parser.line,
			column: parser.column + 1,
			element: stack.at(-1)?.name ?? '',
			message
		});
	};
	parser.on('error', (err) => fail(err.message.replace(/^\d+:\d+: /, '')));
	parser.on('doctype', () => fail('a DOCTYPE (entity declarations) is not accepted'));
	parser.on('opentag', (tag) => {
		if (++count > MAX_ELEMENTS) fail(`more than ${MAX_ELEMENTS} elements`);
		if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
		const el: XmlElement = {
			name: tag.name,
			line: parser.line,
			column: parser.column + 1,
			children: [],
			text: ''
		};
		if (stack.length) stack[stack.length - 1].children.push(el);
		else root = el;
		stack.push(el);
	});
	parser.on('text', (t) => {
		const top = stack.at(-1);
		if (top && top.text.length < 10_000) top.text += t;
	});
	parser.on('cdata', (t) => {
		const top = stack.at(-1);
		if (top && top.text.length < 10_000) top.text += t;
	});
	parser.on('closetag', () => {
		const el = stack.pop();
		if (el) el.text = el.text.trim();
	});
	parser.write(text).close();
	if (!root)
		throw new XmlReadError({ line: 1, column: 1, element: '', message: 'no root element' });
	return root;
}

/** the children named `name` */
export const childrenOf = (el: XmlElement, name: string) =>
	el.children.filter((c) => c.name === name);
/** the text of the first child named `name`, or undefined */
export const textOf = (el: XmlElement, name: string) =>
	el.children.find((c) => c.name === name)?.text;
