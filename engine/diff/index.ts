// Semantic diff: two checked IRs → the changes in effect, by identity of each declaration, each with a direction.
//
// Comparing IRs rather than text is what makes formatting, comments, declaration order and the DSL ↔ YAML
// form invisible: the checker has already thrown all of those away. Order of the report: header and layers,
// vocabulary, legal bases, parameters, lists and rules, measures, gradings — the order a reviewer reads a
// measure list in.
import { canonicalJson } from '../../dsl/canonical.js';
import type { PolicyIr } from '../../dsl/ir.js';
import { diffGradings } from './gradings.js';
import { diffBases, diffHeader, diffVocabulary } from './header.js';
import { diffLists } from './lists.js';
import { diffMeasures } from './measures.js';
import { diffParams } from './params.js';
import { ChangeSink } from './sink.js';
import type { PolicyChange, SourceMap } from './types.js';

export type { ChangeAspect, ChangeEntity, Direction, PolicyChange, SourceMap } from './types.js';
export { DIRECTION_EN } from './types.js';
export { evaluateLenient } from './lenient.js';
export type { LenientOptions } from './lenient.js';
export { renderDiff } from './render.js';
export type { DiffFormat, DiffReport } from './render.js';

export function diffPolicies(
  oldIr: PolicyIr,
  newIr: PolicyIr,
  sources: { readonly old?: SourceMap; readonly new?: SourceMap } = {},
): PolicyChange[] {
  const sink = new ChangeSink(oldIr, newIr, sources);
  diffHeader(sink);
  diffVocabulary(sink);
  diffBases(sink);
  diffParams(sink);
  diffLists(sink);
  diffMeasures(sink);
  diffGradings(sink);
  coverRest(sink);
  return sink.changes;
}

const SECTIONS = ['lists', 'measures', 'gradings', 'params', 'bases', 'records'] as const;
const ENTITY = {
  lists: 'list',
  measures: 'measure',
  gradings: 'grading',
  params: 'param',
  bases: 'basis',
  records: 'record',
} as const;

/**
 * A safety net: any declaration that differs but drew no change (a field added to the IR after this module was
 * written) is still reported, as undetermined, so that "no change in effect" is never claimed wrongly.
 */
function coverRest(sink: ChangeSink): void {
  const { oldIr, newIr } = sink;
  const touched = new Set(sink.changes.map((c) => `${c.path[0] ?? ''}\u0000${c.path[1] ?? ''}`));
  for (const section of SECTIONS) {
    const a = oldIr[section] as Readonly<Record<string, unknown>>;
    const b = newIr[section] as Readonly<Record<string, unknown>>;
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (canonicalJson(a[name] ?? null) === canonicalJson(b[name] ?? null)) continue;
      if (touched.has(`${ENTITY[section]}\u0000${name}`)) continue;
      sink.add({
        entity: ENTITY[section],
        path: [ENTITY[section], name],
        key: `${ENTITY[section]}:${name}`,
        aspect: 'other',
        before: null,
        after: null,
        sentence: `“${name}”有其他变化`,
        direction: '不确定',
      });
    }
  }
  if (sink.changes.length === 0 && canonicalJson(oldIr) !== canonicalJson(newIr)) {
    sink.add({
      entity: 'policy',
      path: ['policy'],
      key: 'policy',
      aspect: 'other',
      before: null,
      after: null,
      sentence: '政策内容有其他变化',
      direction: '不确定',
    });
  }
}
