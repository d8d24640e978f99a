// A small literal PolicyIr with the record vocabulary the subject tests validate against.
import type { IrField, IrFieldType, PolicyIr } from '../../dsl/ir.js';
import { IR_FORMAT } from '../../dsl/ir.js';

const field = (key: string, type: IrFieldType, required = false, label?: string): IrField =>
  label === undefined ? { key, type, required } : { key, type, required, label };

export const PENALTY_KINDS = ['罚款', '没收违法所得', '责令停产停业', '吊销许可证件', '限制从业'] as const;

export const TEST_IR: PolicyIr = {
  format: IR_FORMAT,
  id: '测试政策',
  title: '测试政策',
  jurisdiction: { level: 'national' },
  version: '1',
  effective: '2021-09-01',
  layers: [],
  bases: {},
  severity: ['一般', '较重', '严重'],
  levels: [],
  enums: {},
  categorySets: {},
  records: {
    administrative_penalty: {
      key: 'administrative_penalty',
      label: '行政处罚',
      hasSeverity: true,
      layer: '测试政策',
      fields: {
        fineAmount: field('fineAmount', { t: 'money' }, false, '罚款金额'),
        penaltyKinds: field('penaltyKinds', { t: 'list', values: [...PENALTY_KINDS] }, false, '处罚种类'),
        domain: field('domain', { t: 'string' }, true, '领域'),
        discretion: field('discretion', { t: 'enum', values: ['从轻', '一般', '从重', '减轻'] }, false, '裁量'),
        noIntent: field('noIntent', { t: 'boolean' }),
        publishedOn: field('publishedOn', { t: 'date' }),
        years: field('years', { t: 'integer' }),
        ratio: field('ratio', { t: 'decimal' }),
        term: field('term', { t: 'duration' }),
      },
    },
    court_dishonest_debtor: {
      key: 'court_dishonest_debtor',
      label: '失信被执行人',
      hasSeverity: false,
      layer: '测试政策',
      fields: {
        court: field('court', { t: 'string' }, false, '执行法院'),
        caseNumber: field('caseNumber', { t: 'string' }, true, '案号'),
      },
    },
  },
  params: {},
  lists: {},
  measures: {},
  gradings: {},
  settings: {},
};

/** Valid ids made with cli/make-id.ts. */
export const USCC = '91610800MA703XXXXW';
export const RESIDENT_ID = '610800199001011237';

export function validEnterprise(): Record<string, unknown> {
  return {
    id: USCC,
    kind: 'enterprise',
    name: '榆林市某某能源有限公司',
    region: '610800',
    records: [
      {
        id: 'R-2024-0001',
        type: 'administrative_penalty',
        date: '2024-03-01',
        authority: '榆林市市场监督管理局',
        severity: '较重',
        attrs: { fineAmount: 1200000, domain: '食品安全', penaltyKinds: ['罚款', '责令停产停业'] },
        fulfilledOn: '2024-05-10',
        repairedOn: null,
        objection: null,
      },
      {
        id: 'R-2023-0007',
        type: 'court_dishonest_debtor',
        date: '2023-06-15',
        attrs: { caseNumber: '（2023）陕08执123号', court: '榆林市中级人民法院' },
        revokedOn: null,
        objection: 'pending',
      },
    ],
  };
}
