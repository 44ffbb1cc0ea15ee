import test from 'tape';
import {
  DEC_ONE,
  decFromRatio,
  decMul,
  decPow,
  decQuo,
  decToInt,
  divRound,
  formatDec,
  isUnitFraction,
  mulIntDec,
  parseDec,
  type Rounding,
} from '../../../chain/types/dec.js';
import { sdkErrors } from '../../../chain/types/errors.js';
import { xorshift32 } from '../../support/prng.js';

const SEED = 0x5eed_dec;
const MODES: Rounding[] = ['floor', 'ceil', 'half-even', 'half-away'];
const abs = (x: bigint) => (x < 0n ? -x : x);

/** A random non-negative bigint of up to `maxDigits` decimal digits, the length itself random. */
function randBig(r: ReturnType<typeof xorshift32>, maxDigits: number): bigint {
  const digits = 1 + r.below(maxDigits);
  let s = '';
  while (s.length < digits) s += r.below(4294967296).toString().padStart(10, '0');
  return BigInt(s.slice(0, digits));
}
const randSigned = (r: ReturnType<typeof xorshift32>, maxDigits: number) =>
  r.below(2) ? -randBig(r, maxDigits) : randBig(r, maxDigits);

// The formatter every module used before the kernel (chain/types/coins.ts): outputs must stay byte-identical.
const legacyFormat = (v: bigint) => `${v / DEC_ONE}.${(v % DEC_ONE).toString().padStart(18, '0')}`;

test('dec: divRound meets the definition of each mode on random signed operands', (t) => {
  const r = xorshift32(SEED);
  let bad = 0;
  for (let i = 0; i < 4000; i++) {
    const n = randSigned(r, 40),
      d0 = randSigned(r, 20),
      d = d0 === 0n ? 7n : d0;
    const q = {
      floor: divRound(n, d, 'floor'),
      ceil: divRound(n, d, 'ceil'),
      he: divRound(n, d, 'half-even'),
      ha: divRound(n, d, 'half-away'),
    };
    // Exact rational n/d compared through cross-multiplication with a positive denominator.
    const [N, D] = d < 0n ? [-n, -d] : [n, d];
    const ok =
      q.floor * D <= N
      && N < (q.floor + 1n) * D
      && q.ceil * D >= N
      && N > (q.ceil - 1n) * D
      && abs(2n * (N - q.he * D)) <= D
      && abs(2n * (N - q.ha * D)) <= D
      && (abs(2n * (N - q.he * D)) !== D || q.he % 2n === 0n)
      && (abs(2n * (N - q.ha * D)) !== D || abs(q.ha) * D > abs(N));
    if (!ok) {
      bad++;
      if (bad < 5) t.fail(`seed ${SEED} case ${i}: ${n}/${d} gave ${JSON.stringify(q, (_, v) => String(v))}`);
    }
  }
  t.equal(bad, 0, `seed ${SEED}: 4000 random divisions round as their mode says`);
  t.end();
});

test('dec: ties round as named', (t) => {
  const cases: Array<[bigint, bigint, Rounding, bigint]> = [
    [5n, 2n, 'half-even', 2n],
    [7n, 2n, 'half-even', 4n],
    [-5n, 2n, 'half-even', -2n],
    [-7n, 2n, 'half-even', -4n],
    [5n, 2n, 'half-away', 3n],
    [-5n, 2n, 'half-away', -3n],
    [5n, -2n, 'half-away', -3n],
    [5n, 2n, 'floor', 2n],
    [-5n, 2n, 'floor', -3n],
    [5n, 2n, 'ceil', 3n],
    [-5n, 2n, 'ceil', -2n],
    [7n, 3n, 'half-even', 2n],
    [8n, 3n, 'half-away', 3n],
    [6n, 3n, 'ceil', 2n],
    [-6n, 3n, 'floor', -2n],
  ];
  for (const [n, d, m, want] of cases) t.equal(divRound(n, d, m), want, `${n}/${d} ${m} = ${want}`);
  t.equal(decToInt(parseDec('2.5'), 'half-even'), 2n, '2.5 half-even is 2');
  t.equal(decToInt(parseDec('2.5'), 'half-away'), 3n, '2.5 half-away is 3');
  t.end();
});

test('dec: mul, quo, integer×dec round in the named direction', (t) => {
  const r = xorshift32(SEED + 1);
  let bad = 0;
  for (let i = 0; i < 3000; i++) {
    const a = randBig(r, 30),
      b = randBig(r, 30) + 1n,
      n = randBig(r, 25);
    const mf = decMul(a, b, 'floor'),
      mc = decMul(a, b, 'ceil');
    const qf = decQuo(a, b, 'floor'),
      qc = decQuo(a, b, 'ceil');
    const nf = mulIntDec(n, b, 'floor'),
      nc = mulIntDec(n, b, 'ceil');
    const ok =
      mf * DEC_ONE <= a * b
      && a * b <= mc * DEC_ONE
      && mc - mf <= 1n
      && qf * b <= a * DEC_ONE
      && a * DEC_ONE <= qc * b
      && qc - qf <= 1n
      && nf * DEC_ONE <= n * b
      && n * b <= nc * DEC_ONE
      && nc - nf <= 1n
      && decFromRatio(n, b, 'floor') === decQuo(n, b, 'floor');
    if (!ok) {
      bad++;
      if (bad < 5) t.fail(`seed ${SEED + 1} case ${i}: a=${a} b=${b} n=${n}`);
    }
  }
  t.equal(bad, 0, `seed ${SEED + 1}: 3000 random mul/quo/int×dec results bracket the exact value`);
  t.end();
});

test('dec: associativity of mul holds within the error bound', (t) => {
  // (ab)c and a(bc) with floor each lose < 1 unit per product, scaled by the other operand: the two differ by at
  // most ceil((a + c) / ONE) + 2 units.
  const r = xorshift32(SEED + 2);
  let bad = 0;
  for (let i = 0; i < 3000; i++) {
    const a = randBig(r, 25),
      b = randBig(r, 25),
      c = randBig(r, 25);
    for (const m of MODES) {
      const left = decMul(decMul(a, b, m), c, m),
        right = decMul(a, decMul(b, c, m), m);
      const bound = (a + c + DEC_ONE - 1n) / DEC_ONE + 2n;
      if (abs(left - right) > bound) {
        bad++;
        if (bad < 5) t.fail(`seed ${SEED + 2} case ${i} ${m}: a=${a} b=${b} c=${c} differ by ${left - right}`);
      }
    }
  }
  t.equal(bad, 0, `seed ${SEED + 2}: 12000 associativity checks within bound`);
  t.end();
});

test('dec: pow brackets the exact power and meets its identities', (t) => {
  const r = xorshift32(SEED + 3);
  let bad = 0;
  for (let i = 0; i < 500; i++) {
    const a = randBig(r, 19),
      e = BigInt(r.below(12));
    const exactNum = a ** e,
      exactDen = DEC_ONE ** (e === 0n ? 0n : e - 1n); // a^e / ONE^(e-1), in Dec units
    const pf = decPow(a, e, 'floor'),
      pc = decPow(a, e, 'ceil');
    const ok = e === 0n ? pf === DEC_ONE && pc === DEC_ONE : pf * exactDen <= exactNum && exactNum <= pc * exactDen;
    if (!ok) {
      bad++;
      if (bad < 5) t.fail(`seed ${SEED + 3} case ${i}: ${a}^${e}`);
    }
  }
  t.equal(bad, 0, `seed ${SEED + 3}: floor ≤ exact ≤ ceil for 500 random powers`);
  t.equal(decPow(parseDec('1.5'), 2n, 'half-even'), parseDec('2.25'), '1.5^2 = 2.25');
  t.equal(decPow(DEC_ONE, 1000n, 'floor'), DEC_ONE, '1^1000 = 1');
  t.equal(decPow(parseDec('0.5'), 1n, 'floor'), parseDec('0.5'), 'x^1 = x');
  t.equal(formatDec(decPow(parseDec('0.9'), 3n, 'floor')), '0.729000000000000000', '0.9^3');
  t.end();
});

test('dec: parse∘format and format∘parse round trip; output byte-identical to the pre-kernel formatter', (t) => {
  const r = xorshift32(SEED + 4);
  let bad = 0;
  for (let i = 0; i < 3000; i++) {
    const v = randBig(r, 78);
    const s = formatDec(v);
    if (parseDec(s) !== v || s !== legacyFormat(v)) {
      bad++;
      if (bad < 5) t.fail(`seed ${SEED + 4}: ${v} -> ${s}`);
    }
    // A random valid string (leading zeros, short fraction) parses to the value its canonical form names.
    const int = randBig(r, 20)
      .toString()
      .padStart(1 + r.below(3), '0');
    const frac = r.below(2)
      ? ''
      : `.${randBig(r, 18)
          .toString()
          .padStart(1 + r.below(18), '0')
          .slice(0, 18)}`;
    const raw = `${int}${frac}`;
    const canon = formatDec(parseDec(raw));
    if (parseDec(canon) !== parseDec(raw) || !/^(0|[1-9][0-9]*)\.[0-9]{18}$/.test(canon)) {
      bad++;
      if (bad < 5) t.fail(`seed ${SEED + 4}: ${raw} -> ${canon}`);
    }
  }
  t.equal(bad, 0, `seed ${SEED + 4}: 3000 round trips`);
  t.equal(formatDec(parseDec('0.025')), '0.025000000000000000', 'a gas price keeps its state form');
  t.equal(formatDec(0n), '0.000000000000000000', 'zero');
  t.equal(formatDec(-parseDec('1.5')), '-1.500000000000000000', 'a negative value (logs only) is signed');
  t.end();
});

test('dec: bad input is a coded error and unit fractions are checked', (t) => {
  for (const s of ['', '-1', '+1', '1.', '.5', '1.0000000000000000001', '1e18', ' 1', '1,5', '0x10', '1'.repeat(61)]) {
    try {
      parseDec(s);
      t.fail(`${JSON.stringify(s)} parsed`);
    } catch (e) {
      t.ok(sdkErrors.invalidCoins.is(e), `${JSON.stringify(s)} is sdk code 10`);
    }
  }
  for (const [f, what] of [
    [() => decQuo(1n, 0n, 'floor'), 'quo by zero'],
    [() => divRound(1n, 0n, 'ceil'), 'divRound by zero'],
    [() => decPow(DEC_ONE, -1n, 'floor'), 'negative exponent'],
  ] as Array<[() => unknown, string]>) {
    try {
      f();
      t.fail(`${what} returned`);
    } catch (e) {
      t.ok(sdkErrors.logic.is(e), `${what} is a logic error`);
    }
  }
  t.ok(
    isUnitFraction(0n) && isUnitFraction(DEC_ONE) && !isUnitFraction(DEC_ONE + 1n) && !isUnitFraction(-1n),
    'unit fraction bounds',
  );
  t.end();
});
