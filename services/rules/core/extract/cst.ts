// A plain copy of a tree-sitter parse tree, so the extractor works on
// ordinary objects: no wasm handles to free, no recursion into the wasm
// heap, bounded size. Built iteratively with depth and node limits; a subtree
// past the depth limit becomes a `too_deep` leaf (reported, not parsed).
import type { Node, Parser } from 'web-tree-sitter';

export interface CNode {
  type: string;
  /** field name in the parent (`declarator`, `body`, `condition`, …) */
  field: string | null;
  named: boolean;
  missing: boolean;
  /** 0-based row in the parsed text */
  row: number;
  start: number;
  end: number;
  children: CNode[];
  src: string;
}

export const MAX_DEPTH = 150;
export const MAX_NODES = 400_000;

export function text(n: CNode): string {
  return n.src.slice(n.start, n.end);
}

export function child(n: CNode, field: string): CNode | undefined {
  return n.children.find((c) => c.field === field);
}

export function named(n: CNode): CNode[] {
  return n.children.filter((c) => c.named && c.type !== 'comment');
}

export interface Parsed {
  root: CNode;
  errors: number;
  truncated: boolean;
}

/** Parse C text and copy the tree; null when the parser gives nothing. */
export function parseC(parser: Parser, src: string): Parsed | null {
  const tree = parser.parse(src);
  if (!tree) return null;
  try {
    return copy(tree.rootNode, src);
  } finally {
    tree.delete();
  }
}

function leaf(n: Node, field: string | null, src: string): CNode {
  return {
    type: n.type, field, named: n.isNamed, missing: n.isMissing, row: n.startPosition.row,
    start: n.startIndex, end: n.endIndex, children: [], src,
  };
}

function copy(rootNode: Node, src: string): Parsed {
  const root = leaf(rootNode, null, src);
  const stack: { n: Node; c: CNode; depth: number }[] = [{ n: rootNode, c: root, depth: 0 }];
  let count = 1;
  let errors = 0;
  let truncated = false;
  while (stack.length > 0) {
    const { n, c, depth } = stack.pop() as { n: Node; c: CNode; depth: number };
    if (n.type === 'ERROR' || n.isMissing) errors++;
    if (depth >= MAX_DEPTH || count >= MAX_NODES) {
      if (n.childCount > 0) {
        c.type = 'too_deep';
        truncated = true;
      }
      continue;
    }
    for (let i = 0; i < n.childCount; i++) {
      const k = n.child(i);
      if (!k) continue;
      const kc = leaf(k, n.fieldNameForChild(i), src);
      c.children.push(kc);
      count++;
      stack.push({ n: k, c: kc, depth: depth + 1 });
    }
  }
  return { root, errors, truncated };
}
