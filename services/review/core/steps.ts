// Turns a concern's stored counterexample (Concern.trace, written by the
// analyze stage) into readable steps for a reply mail. The trace is JSON
// whose exact shape belongs to services/rules; this accepts the shapes an
// action trace takes (strings, {action, …} objects, or an object holding such
// a list) and falls back to compact JSON, so a new shape degrades, never
// breaks. Iterative; no recursion on the stored data.

const NAME_KEYS = ['action', 'name', 'label', 'event', 'step', 'op', 'title'] as const;
const DETAIL_KEYS = ['detail', 'description', 'desc', 'note', 'effect', 'text', 'explanation', 'why', 'state', 'result'] as const;
const LIST_KEYS = ['steps', 'trace', 'actions', 'events', 'sequence', 'path'] as const;

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function stepText(item: unknown): string {
  const s = str(item);
  if (s) return s;
  if (!item || typeof item !== 'object') return JSON.stringify(item);
  const o = item as Record<string, unknown>;
  const name = NAME_KEYS.map((k) => str(o[k])).find(Boolean) ?? null;
  const actor = str(o.actor);
  const detail = DETAIL_KEYS.map((k) => str(o[k])).find(Boolean) ?? null;
  const head = [actor, name].filter(Boolean).join('.');
  if (head && detail) return `${head}: ${detail}`;
  if (head || detail) return (head || detail) as string;
  const json = JSON.stringify(o);
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

/** The steps of a counterexample trace, oldest first. */
export function traceSteps(trace: unknown): string[] {
  let list: unknown = trace;
  for (let depth = 0; depth < 4 && list && typeof list === 'object' && !Array.isArray(list); depth++) {
    const o = list as Record<string, unknown>;
    const key = LIST_KEYS.find((k) => Array.isArray(o[k]) || (o[k] && typeof o[k] === 'object'));
    if (!key) break;
    list = o[key];
  }
  if (Array.isArray(list)) return list.map(stepText).filter(Boolean);
  if (list === null || list === undefined) return [];
  const one = stepText(list);
  return one && one !== '{}' ? [one] : [];
}
