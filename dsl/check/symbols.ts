// Symbol tables: every declaration of every layer, by name and by Chinese label, with the layer it came from.
import type {
  BasisDecl,
  CategoriesDecl,
  Decl,
  EnumDecl,
  FieldDecl,
  FillDecl,
  GradingDecl,
  ListDecl,
  MeasureDecl,
  NarrowDecl,
  ParamDecl,
  PolicyAst,
  RecordDecl,
  ScaleDecl,
  SettingDecl,
} from '../ast.js';
import { canonicalJson } from '../canonical.js';
import type { Diagnostic } from '../diagnostic.js';
import type { IrFieldType } from '../ir.js';
import { diagnostic } from './messages.js';

export interface Declared<D> {
  readonly decl: D;
  readonly layer: string;
}

export interface FieldInfo {
  readonly key: string;
  readonly label?: string;
  readonly type: IrFieldType;
  readonly required: boolean;
  readonly decl: FieldDecl;
}

export interface RecordInfo extends Declared<RecordDecl> {
  readonly key: string;
  readonly fields: Map<string, FieldInfo>;
  /** label → key */
  readonly fieldLabels: Map<string, string>;
}

export interface Symbols {
  readonly bases: Map<string, Declared<BasisDecl>>;
  /** 《title》 → id */
  readonly basisTitles: Map<string, string>;
  readonly enums: Map<string, Declared<EnumDecl>>;
  readonly records: Map<string, RecordInfo>;
  readonly recordLabels: Map<string, string>;
  readonly params: Map<string, Declared<ParamDecl>>;
  readonly paramLabels: Map<string, string>;
  /** in layer order, bases first */
  readonly fills: Declared<FillDecl>[];
  readonly lists: Map<string, Declared<ListDecl>>;
  readonly measures: Map<string, Declared<MeasureDecl>>;
  readonly narrows: Declared<NarrowDecl>[];
  readonly gradings: Map<string, Declared<GradingDecl>>;
  readonly categorySets: Map<string, Declared<CategoriesDecl>>;
  readonly severity: Declared<ScaleDecl> | undefined;
  readonly levels: Declared<ScaleDecl> | undefined;
  readonly settings: Declared<SettingDecl>[];
}

const WHAT: Record<Decl['kind'], string> = {
  basis: '依据',
  scale: '等级',
  enum: '枚举',
  record: '记录类型',
  param: '参数',
  fill: '填写',
  list: '名单',
  measure: '措施',
  narrow: '收窄',
  grading: '评价',
  categories: '范围',
  setting: '设置',
};

/** Same declaration in two layers (a diamond, or a copied base) is harmless; compare without spans or comments. */
function sameDecl(a: unknown, b: unknown): boolean {
  return canonicalJson(withoutPositions(a)) === canonicalJson(withoutPositions(b));
}

function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'span' || key === 'comments') continue;
      out[key] = withoutPositions(value);
    }
    return out;
  }
  return node;
}

export function collectSymbols(
  layers: readonly PolicyAst[],
  fieldType: (field: FieldDecl, enums: Map<string, Declared<EnumDecl>>, diagnostics: Diagnostic[]) => IrFieldType,
  diagnostics: Diagnostic[],
): Symbols {
  const symbols: Symbols = {
    bases: new Map(),
    basisTitles: new Map(),
    enums: new Map(),
    records: new Map(),
    recordLabels: new Map(),
    params: new Map(),
    paramLabels: new Map(),
    fills: [],
    lists: new Map(),
    measures: new Map(),
    narrows: [],
    gradings: new Map(),
    categorySets: new Map(),
    severity: undefined,
    levels: undefined,
    settings: [],
  };
  const mutable = symbols as { -readonly [K in keyof Symbols]: Symbols[K] };

  const put = <D extends Decl & { id: { text: string; span: Decl['span'] } }>(
    table: Map<string, Declared<D>>,
    decl: D,
    layer: string,
  ): boolean => {
    const existing = table.get(decl.id.text);
    if (existing) {
      if (!sameDecl(existing.decl, decl)) {
        diagnostics.push(
          diagnostic('check.duplicate', decl.id.span, [WHAT[decl.kind], decl.id.text], {
            related: [{ span: existing.decl.span, message: `首次声明于 ${existing.layer}` }],
          }),
        );
      }
      return false;
    }
    table.set(decl.id.text, { decl, layer });
    return true;
  };

  // Enums first: record field types refer to them regardless of declaration order.
  for (const layer of layers) {
    for (const decl of layer.decls) if (decl.kind === 'enum') put(symbols.enums, decl, layer.id.text);
  }

  for (const layer of layers) {
    const layerId = layer.id.text;
    for (const decl of layer.decls) {
      switch (decl.kind) {
        case 'enum':
          break;
        case 'basis':
          if (put(symbols.bases, decl, layerId)) symbols.basisTitles.set(decl.title, decl.id.text);
          break;
        case 'param':
          if (put(symbols.params, decl, layerId) && decl.label) symbols.paramLabels.set(decl.label, decl.id.text);
          break;
        case 'list':
          put(symbols.lists, decl, layerId);
          break;
        case 'measure':
          put(symbols.measures, decl, layerId);
          break;
        case 'grading':
          put(symbols.gradings, decl, layerId);
          break;
        case 'categories':
          put(symbols.categorySets, decl, layerId);
          break;
        case 'narrow':
          symbols.narrows.push({ decl, layer: layerId });
          break;
        case 'fill':
          symbols.fills.push({ decl, layer: layerId });
          break;
        case 'setting':
          symbols.settings.push({ decl, layer: layerId });
          break;
        case 'scale': {
          const key = decl.scale === 'severity' ? 'severity' : 'levels';
          const existing = symbols[key];
          if (existing) {
            const a = existing.decl.values.map((v) => v.text).join('<');
            const b = decl.values.map((v) => v.text).join('<');
            if (a !== b) {
              diagnostics.push(
                diagnostic(
                  'check.scale-conflict',
                  decl.span,
                  [decl.scale === 'severity' ? '严重程度等级' : '措施等级'],
                  {
                    related: [{ span: existing.decl.span, message: `已声明为 ${a}` }],
                  },
                ),
              );
            }
          } else {
            mutable[key] = { decl, layer: layerId };
          }
          break;
        }
        case 'record': {
          const existing = symbols.records.get(decl.id.text);
          if (existing) {
            if (!sameDecl(existing.decl, decl)) {
              diagnostics.push(
                diagnostic('check.duplicate', decl.id.span, ['记录类型', decl.id.text], {
                  related: [{ span: existing.decl.span, message: `首次声明于 ${existing.layer}` }],
                }),
              );
            }
            break;
          }
          const fields = new Map<string, FieldInfo>();
          const fieldLabels = new Map<string, string>();
          for (const field of decl.fields) {
            if (fields.has(field.key.text)) {
              diagnostics.push(diagnostic('check.duplicate', field.key.span, ['字段', field.key.text]));
              continue;
            }
            fields.set(field.key.text, {
              key: field.key.text,
              ...(field.label !== undefined ? { label: field.label } : {}),
              type: fieldType(field, symbols.enums, diagnostics),
              required: field.required,
              decl: field,
            });
            if (field.label) fieldLabels.set(field.label, field.key.text);
          }
          symbols.records.set(decl.id.text, { decl, layer: layerId, key: decl.id.text, fields, fieldLabels });
          if (decl.label) symbols.recordLabels.set(decl.label, decl.id.text);
          break;
        }
      }
    }
  }
  return symbols;
}
