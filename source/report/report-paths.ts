/**
 * Where `--report FILE` (or the wizard's `r`) puts the two files:
 * - FILE ends in .md or .markdown: Markdown at FILE, JSON beside it with .json instead.
 * - FILE ends in .json: JSON at FILE, Markdown beside it with .md instead.
 * - FILE has no extension: FILE.md and FILE.json.
 * - any other extension (e.g. .txt): Markdown at FILE exactly, JSON at FILE.json.
 */
import {extname} from 'node:path';

export type ReportPaths = {readonly markdown: string; readonly json: string};

export function reportPaths(file: string): ReportPaths {
	const extension = extname(file);
	const lower = extension.toLowerCase();
	const stem = file.slice(0, file.length - extension.length);
	if (lower === '.md' || lower === '.markdown') {
		return {markdown: file, json: `${stem}.json`};
	}

	if (lower === '.json') {
		return {markdown: `${stem}.md`, json: file};
	}

	if (extension === '') {
		return {markdown: `${file}.md`, json: `${file}.json`};
	}

	return {markdown: file, json: `${file}.json`};
}
