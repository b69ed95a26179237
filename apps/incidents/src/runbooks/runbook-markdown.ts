// Just enough Markdown reading to validate runbooks: headings (and the anchors GitHub derives from them) and
// links, outside fenced code, code spans and HTML comments. Not a full CommonMark parser: indented code blocks
// are read as text, and a code span or link never spans lines.

export interface MarkdownHeading {
  level: number;
  text: string;
  /** The anchor GitHub gives the heading (github-slugger: lower case, punctuation dropped, spaces → -, -1, -2 for repeats). */
  slug: string;
  line: number;
}

export type MarkdownLinkKind = 'inline' | 'reference' | 'autolink' | 'bare';

export interface MarkdownLink {
  kind: MarkdownLinkKind;
  target: string;
  /** 1-based, in the document the body came from. */
  line: number;
  column: number;
}

export interface MarkdownOutline {
  headings: MarkdownHeading[];
  /** Every anchor a link may point at: heading slugs and explicit `id`/`name` attributes, lower-cased. */
  anchors: Set<string>;
  links: MarkdownLink[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const NOT_PARAGRAPH = /^ {0,3}([-+*]\s|\d{1,9}[.)]\s|>|\||#{1,6}(\s|$)|<!--|$)/;
const INLINE_LINK =
  /(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/dg;
const REFERENCE_DEFINITION = /^( {0,3}\[(?!\^)[^\]]+\]:[ \t]*)(<[^>]*>|\S+)/;
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>]+/g;
const EXPLICIT_ANCHOR = /<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']/g;

/** Replaces a match with spaces so later patterns do not see it and columns stay right. */
function blank(text: string, start: number, length: number): string {
  return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
}

/** The text a reader sees in a heading: link and image text kept, code, emphasis and HTML markers dropped. */
function headingText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/(\*{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|~~)/g, '')
    .replace(/(^|[^\p{L}\p{N}])_{1,3}(?=\S)|(?<=\S)_{1,3}(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .trim();
}

/** GitHub's heading anchor for a text (github-slugger), before de-duplication. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function masked(line: string): string {
  let out = line;
  // Backslash escapes first, so `\[` never opens a link; then code spans.
  for (const m of line.matchAll(/\\[!-/:-@[-`{-~]/g)) out = blank(out, m.index, 2);
  for (const m of out.matchAll(/(`+)(?!`)(.*?[^`])\1(?!`)/g)) out = blank(out, m.index, m[0].length);
  return out;
}

/**
 * Reads a Markdown body. `firstLine` is the line number of the body's first line in the whole file, so positions
 * point into the file as its author sees it.
 */
export function outline(body: string, firstLine = 1): MarkdownOutline {
  const headings: MarkdownHeading[] = [];
  const anchors = new Set<string>();
  const links: MarkdownLink[] = [];
  const seen = new Map<string, number>();
  const addHeading = (level: number, raw: string, line: number) => {
    const text = headingText(raw);
    const base = slugify(text);
    let slug = base;
    // github-slugger: repeats get -1, -2, … and a generated slug is itself taken.
    while (seen.has(slug)) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      slug = `${base}-${n}`;
    }
    seen.set(slug, 0);
    headings.push({ level, text, slug, line });
    anchors.add(slug);
  };

  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | null = null;
  let comment = false;
  let previousParagraph: { raw: string; index: number } | null = null;
  lines.forEach((raw, index) => {
    const lineNo = firstLine + index;
    const open = FENCE.exec(raw);
    if (fence !== null) {
      if (open !== null && open[1][0] === fence[0] && open[1].length >= fence.length && raw.trim() === open[1]) {
        fence = null;
      }
      previousParagraph = null;
      return;
    }
    if (open !== null && !comment) {
      fence = open[1];
      previousParagraph = null;
      return;
    }
    // HTML comments, possibly over several lines.
    let line = masked(raw);
    if (comment) {
      const end = line.indexOf('-->');
      if (end < 0) return;
      line = blank(line, 0, end + 3);
      comment = false;
    }
    for (;;) {
      const start = line.indexOf('<!--');
      if (start < 0) break;
      const end = line.indexOf('-->', start + 4);
      if (end < 0) {
        line = blank(line, start, line.length - start);
        comment = true;
        break;
      }
      line = blank(line, start, end + 3 - start);
    }

    const atx = ATX.exec(line);
    const setext = SETEXT.exec(line);
    if (atx) {
      // Detected on the masked line, read from the written one (code spans keep their text in a heading).
      const written = raw.slice(line.length - atx[2].length);
      addHeading(atx[1].length, written.replace(/[ \t]+#+[ \t]*$/, '').replace(/^[ \t]*#+[ \t]*$/, ''), lineNo);
      previousParagraph = null;
    } else if (setext && previousParagraph !== null && previousParagraph.index === index - 1) {
      addHeading(setext[1][0] === '=' ? 1 : 2, previousParagraph.raw, lineNo - 1);
      previousParagraph = null;
      return;
    } else {
      previousParagraph = NOT_PARAGRAPH.test(line) ? null : { raw, index };
    }

    for (const m of line.matchAll(EXPLICIT_ANCHOR)) anchors.add(m[1].toLowerCase());

    const reference = REFERENCE_DEFINITION.exec(line);
    if (reference) {
      const written = raw.slice(reference[1].length, reference[1].length + reference[2].length);
      const target = written.replace(/^<(.*)>$/, '$1');
      links.push({
        kind: 'reference',
        target,
        line: lineNo,
        column: reference[1].length + (written.startsWith('<') ? 1 : 0) + 1,
      });
      line = blank(line, 0, reference[0].length);
    }
    for (const m of line.matchAll(INLINE_LINK)) {
      const [start, end] = m.indices?.[3] ?? [0, 0];
      const written = raw.slice(start, end);
      const target = written.replace(/^<(.*)>$/, '$1');
      if (m[1] !== '!' && target !== '') {
        links.push({ kind: 'inline', target, line: lineNo, column: start + (written.startsWith('<') ? 1 : 0) + 1 });
      }
      line = blank(line, m.index, m[0].length);
    }
    for (const m of line.matchAll(AUTOLINK)) {
      links.push({
        kind: 'autolink',
        target: raw.slice(m.index + 1, m.index + 1 + m[1].length),
        line: lineNo,
        column: m.index + 2,
      });
      line = blank(line, m.index, m[0].length);
    }
    for (const m of line.matchAll(BARE_URL)) {
      // Trailing punctuation ends the sentence, not the URL; a closing parenthesis only when unbalanced.
      let url = m[0].replace(/[.,:;!?'"*_~]+$/, '');
      while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
        url = url.slice(0, -1).replace(/[.,:;!?'"*_~]+$/, '');
      }
      links.push({ kind: 'bare', target: url, line: lineNo, column: m.index + 1 });
    }
  });
  links.sort((a, b) => a.line - b.line || a.column - b.column);
  return { headings, anchors, links };
}
