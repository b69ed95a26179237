// Escaping for text people typed that lands inside generated Markdown. The aim is that the raw Markdown reads as
// well as the rendered one: only characters that would change the structure are escaped (CommonMark §2.4:
// a backslash escapes any ASCII punctuation).

// Block markers that only count at the start of a line: a heading, list item, quote, thematic break or setext
// underline. Text like "#hashtag", "-5 °C" or "3.5 GB" is left as it is.
const LINE_START = /^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|-{2,}|=+|>|\d{1,9}[.)](?=\s|$))/;

/** Escapes one line of plain text for inline use (a list item, a heading, a table cell). */
function escapeLine(line: string): string {
  const escaped = line
    .replace(/\\/g, '\\\\')
    .replace(/[`*[\]|~]/g, (c) => `\\${c}`)
    // Underscores inside words never emphasize (snake_case stays readable); at a word edge they might.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    // `<` only starts HTML or an autolink before a letter, `/`, `!` or `?`; `&` only an entity before `#` or a name.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // A list marker, heading, quote or setext underline at the start would turn the text into another block.
  return escaped.replace(LINE_START, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').trim().split('\n');
}

/** Plain text on one line (headings): line breaks become spaces. */
export function inlineText(text: string): string {
  return escapeLine(
    lines(text)
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' '),
  );
}

/** Plain text in a table cell: pipes escaped, line breaks as `<br>`; an empty cell shows a dash. */
export function tableCell(text: string): string {
  const escaped = lines(text)
    .map((l) => escapeLine(l.trim()))
    .filter((l) => l !== '')
    .join('<br>');
  return escaped === '' ? '—' : escaped;
}

/** A bullet list item; continuation lines are indented so they stay inside the item. */
export function listItem(text: string): string {
  const [first, ...rest] = lines(text).map((l) => escapeLine(l.trim()));
  return [`- ${first}`, ...rest.filter((l) => l !== '').map((l) => `  ${l}`)].join('\n');
}

/** A GitHub-flavoured Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * Prose the authors wrote in Markdown (summary, analysis, …) passes through as written, with its ATX headings
 * pushed down `levels` levels (at most to level 6) so they nest under the section they belong to. Fenced code
 * blocks are left alone.
 */
export function prose(markdown: string, levels: number): string {
  let fence: string | null = null;
  return lines(markdown)
    .map((line) => {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence !== null) {
        if (open !== null && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
        return line;
      }
      if (open !== null) {
        fence = open[1];
        return line;
      }
      return line.replace(
        /^( {0,3})(#{1,6})(?=\s|$)/,
        (_m, space: string, hashes: string) => `${space}${'#'.repeat(Math.min(6, hashes.length + levels))}`,
      );
    })
    .join('\n');
}
