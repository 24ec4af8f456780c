import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// All user-visible text goes through i18n: a component may not carry literal text in JSX, nor in
// the attributes a person reads (title, aria-label, alt, placeholder).
const RENDERER = join(__dirname, '../../renderer/src');
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'alt', 'placeholder']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsxFiles(join(dir, e.name))
      : e.name.endsWith('.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

function hardCodedText(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /[\p{L}\p{N}]/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      READ_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('renderer components', () => {
  const files = tsxFiles(RENDERER);

  it('are found (the scan is looking in the right place)', () => {
    expect(files.map((f) => relative(RENDERER, f))).toEqual(
      expect.arrayContaining(['App.tsx', 'components/StatusStrip.tsx', 'map/MapView.tsx']),
    );
  });

  it('carry no hard-coded user-visible text', () => {
    const offenders = files.flatMap((f) =>
      hardCodedText(f, readFileSync(f, 'utf8')).map((t) => `${relative(RENDERER, f)}: ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch literal text and literal titles (the scanner works)', () => {
    const probe = `const a = <div title="Hi" className="x">Hello {name} 你好</div>;
      const b = <span aria-label={t('k')}>{t('k')}</span>;`;
    expect(hardCodedText('probe.tsx', probe)).toEqual(['title="Hi"', 'Hello', '你好']);
  });
});
