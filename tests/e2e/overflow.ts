import type { Page } from '@playwright/test';

/**
 * What reaches past the right edge of the screen: the page scrolling sideways, or any element whose
 * right edge passes the viewport, unless it sits inside a box that scrolls sideways by itself
 * (overflow-x auto or scroll: `.scroll-x`, `.table-wrap`, a report's table). Only the outermost such element
 * of each is named, with its path, so a report reads as a list of things to fix.
 */
export function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = window.innerWidth;
		const onPurpose = (el: Element) => {
			for (let p = el.parentElement; p; p = p.parentElement) {
				if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
			}
			return false;
		};
		const past = (el: Element) => {
			const box = el.getBoundingClientRect();
			return (box.width > 0 || box.height > 0) && box.right > width + 1 && !onPurpose(el);
		};
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList]
				.filter((c) => !c.startsWith('svelte-'))
				.map((c) => `.${c}`)
				.join('')}`;
		const path = (el: Element) => {
			const parts: string[] = [];
			for (let e: Element | null = el; e && e !== document.body; e = e.parentElement)
				parts.unshift(name(e));
			return parts.slice(-4).join(' > ');
		};
		const found = [...document.body.querySelectorAll('*')]
			.filter((el) => past(el) && !(el.parentElement && past(el.parentElement)))
			.map((el) => `${path(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
		const scroll = document.documentElement.scrollWidth;
		return scroll > width ? [`the page scrolls sideways (${scroll} > ${width})`, ...found] : found;
	});
}
