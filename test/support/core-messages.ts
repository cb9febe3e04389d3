// Every message of the core catalogue, found where it is written: each
// t`...` (or x.t`...`) tagged template in the sources, keyed as the runtime
// keys it (literal parts joined by {0}, {1}…). Read with the TypeScript parser,
// so a template inside a template, or split over lines, counts the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { templateKey } from '../../src/core/l10n/translate';
import { typeScriptFiles } from './source-files';

export interface FoundMessage {
  key: string;
  /** file:line, relative to the repository, for failure messages. */
  where: string;
}

function isTranslateTag(tag: ts.Expression): boolean {
  return (ts.isIdentifier(tag) && tag.text === 't') || (ts.isPropertyAccessExpression(tag) && tag.name.text === 't');
}

function literalParts(template: ts.TemplateLiteral): string[] {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [template.text];
  return [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
}

export function messagesIn(file: string, root: string): FoundMessage[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: FoundMessage[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && isTranslateTag(node.tag)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ key: templateKey(literalParts(node.template)), where: `${path.relative(root, file)}:${line}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every message under the given folders, first place of use per key. */
export function catalogueMessages(root: string, folders: readonly string[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const folder of folders) {
    for (const file of typeScriptFiles(path.join(root, folder))) {
      for (const { key, where } of messagesIn(file, root)) if (!messages.has(key)) messages.set(key, where);
    }
  }
  return messages;
}
