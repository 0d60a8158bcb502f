import MarkdownIt, { type Env, type Token } from 'markdown-it';
import { linkAllowlist } from './rules.ts';

/**
 * Raw HTML is off: a `<script>` in a file is shown as text. markdown-it also refuses javascript:,
 * vbscript:, file: and most data: URLs. Our own rules below then allow only https links to official sites.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** URLs markdown-it refused while parsing the current text (parsing is synchronous). */
let refused: string[] = [];
const validateLink = md.validateLink.bind(md);
md.validateLink = (url) => {
	const ok = validateLink(url);
	if (!ok) refused.push(url);
	return ok;
};

export interface Rendered {
	html: string;
	text: string;
	problems: string[];
}

function allowedHref(href: string): boolean {
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		return false;
	}
	return (
		url.protocol === 'https:' &&
		linkAllowlist.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`))
	);
}

function inspect(tokens: Token[], problems: string[], text: string[]): void {
	for (const url of refused.splice(0))
		problems.push(`link "${url}" is refused: it is not a safe web address`);
	for (const token of tokens) {
		if (token.type === 'link_open') {
			const href = String(token.attrGet('href') ?? '');
			if (!allowedHref(href)) {
				problems.push(
					`link "${href}" must be https and on the allowlist (${linkAllowlist.join(', ')})`
				);
			} else {
				token.attrSet('rel', 'noopener noreferrer');
			}
		} else if (token.type === 'image') {
			const alt = token.children?.map((c) => c.content).join('') ?? '';
			problems.push(
				alt.trim()
					? `image "${token.attrGet('src') ?? ''}": images are not supported yet, describe the scenario in text`
					: `image "${token.attrGet('src') ?? ''}" has empty alt text`
			);
		} else if (
			token.type === 'text' ||
			token.type === 'code_inline' ||
			token.type === 'code_block'
		) {
			text.push(token.content);
		}
		if (token.children) inspect(token.children, problems, text);
	}
}

function render(parse: (source: string, env: Env) => Token[], source: string): Rendered {
	refused = [];
	const tokens = parse(source, {});
	const problems: string[] = [];
	const text: string[] = [];
	inspect(tokens, problems, text);
	return { html: md.renderer.render(tokens, md.options, {}), text: text.join(' '), problems };
}

export const renderBlock = (source: string): Rendered => render(md.parse.bind(md), source);
export const renderInline = (source: string): Rendered => render(md.parseInline.bind(md), source);
