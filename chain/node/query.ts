// CometBFT's event query language (libs/pubsub/query), the subset tx_search needs: conditions joined by AND,
// each `key op operand` with op one of = < <= > >= CONTAINS EXISTS; operands are 'quoted strings' or numbers.
export type Op = '=' | '<' | '<=' | '>' | '>=' | 'CONTAINS' | 'EXISTS';
export interface Condition {
  key: string;
  op: Op;
  value?: string;
  numeric?: boolean;
}

export class QueryError extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'QueryError';
  }
}

export function parseQuery(q: string): Condition[] {
  const out: Condition[] = [];
  let i = 0;
  const ws = () => {
    while (i < q.length && /\s/.test(q[i])) i++;
  };
  ws();
  if (i >= q.length) throw new QueryError('empty query');
  for (;;) {
    ws();
    const ks = i;
    while (i < q.length && /[A-Za-z0-9_.\-/]/.test(q[i])) i++;
    const key = q.slice(ks, i);
    if (!key) throw new QueryError(`expected a key at position ${i} in ${JSON.stringify(q)}`);
    ws();
    const rest = q.slice(i);
    const m = /^(<=|>=|=|<|>|CONTAINS\b|EXISTS\b)/.exec(rest);
    if (!m) throw new QueryError(`expected an operator after ${JSON.stringify(key)}`);
    const op = m[1] as Op;
    i += m[1].length;
    let cond: Condition = { key, op };
    if (op !== 'EXISTS') {
      ws();
      if (q[i] === "'") {
        i++;
        let v = '';
        while (i < q.length && q[i] !== "'") {
          if (q[i] === '\\' && q[i + 1] === "'") i++;
          v += q[i++];
        }
        if (q[i] !== "'") throw new QueryError(`unterminated string in ${JSON.stringify(q)}`);
        i++;
        cond = { key, op, value: v };
      } else {
        const n = /^-?\d+(\.\d+)?/.exec(q.slice(i));
        if (!n) throw new QueryError(`expected a quoted string or a number after ${key} ${op}`);
        i += n[0].length;
        cond = { key, op, value: n[0], numeric: true };
      }
      if (op === 'CONTAINS' && cond.numeric) throw new QueryError('CONTAINS needs a quoted string');
    }
    out.push(cond);
    ws();
    if (i >= q.length) return out;
    const and = /^AND\b/.exec(q.slice(i));
    if (!and) throw new QueryError(`expected AND at position ${i} in ${JSON.stringify(q)}`);
    i += 3;
  }
}

/** Does an attribute value satisfy the condition? Numeric comparisons parse the value as a number (bigint when
 * integral) and fail for non-numbers, as CometBFT does. */
export function matchValue(c: Condition, v: string): boolean {
  switch (c.op) {
    case 'EXISTS':
      return true;
    case 'CONTAINS':
      return v.includes(c.value!);
    case '=':
      if (!c.numeric) return v === c.value;
      return compareNumeric(v, c.value!) === 0;
    default: {
      const r = compareNumeric(v, c.value!);
      if (r === undefined) return false;
      return c.op === '<' ? r < 0 : c.op === '<=' ? r <= 0 : c.op === '>' ? r > 0 : r >= 0;
    }
  }
}

function compareNumeric(a: string, b: string): number | undefined {
  const num = /^-?\d+(\.\d+)?$/;
  if (!num.test(a) || !num.test(b)) return undefined;
  if (!a.includes('.') && !b.includes('.')) {
    const x = BigInt(a),
      y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // Decimal operands only appear in queries; compare as fixed-point strings without floats.
  const [ai, af = ''] = a.split('.'),
    [bi, bf = ''] = b.split('.');
  const w = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(w, '0')) * (ai.startsWith('-') && BigInt(ai) === 0n ? -1n : 1n);
  const y = BigInt(bi + bf.padEnd(w, '0')) * (bi.startsWith('-') && BigInt(bi) === 0n ? -1n : 1n);
  return x < y ? -1 : x > y ? 1 : 0;
}
