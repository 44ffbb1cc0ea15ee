// Byte-level mutations of valid inputs (bit flips, interesting bytes, varints, truncation, insertion, deletion,
// duplication, splices of two inputs) and random inputs, all drawn from a seeded PRNG so a run can be replayed.
import type { xorshift32 } from '../support/prng.js';

export type Rand = ReturnType<typeof xorshift32>;

const INTERESTING = [0x00, 0x01, 0x02, 0x07, 0x08, 0x0a, 0x10, 0x12, 0x1a, 0x22, 0x7f, 0x80, 0x81, 0xfe, 0xff];

/** A protobuf-style varint of a large or edge value (lengths and counts are where parsers go wrong). */
function wildVarint(r: Rand): Uint8Array {
  const choices = [
    0n,
    1n,
    127n,
    128n,
    0x7fffffffn,
    0xffffffffn,
    2n ** 53n,
    2n ** 63n - 1n,
    2n ** 64n - 1n,
    BigInt(r.below(1 << 30)),
  ];
  let v = choices[r.below(choices.length)];
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v && out.length < 10);
  if (r.below(8) === 0) out.push(0x80, 0x80); // over-long
  return Uint8Array.from(out);
}

export class Mutator {
  constructor(
    private readonly r: Rand,
    private readonly maxLen = 1 << 20,
  ) {}

  random(maxLen = 256): Uint8Array {
    return Uint8Array.from({ length: this.r.below(maxLen + 1) }, () => this.r.below(256));
  }

  /** 1..4 stacked mutations of `input`; `others` feed splices. */
  mutate(input: Uint8Array, others: readonly Uint8Array[] = []): Uint8Array {
    let b: Uint8Array = Uint8Array.from(input);
    const n = 1 + this.r.below(4);
    for (let i = 0; i < n; i++) b = this.one(b, others);
    return b.length > this.maxLen ? b.subarray(0, this.maxLen) : b;
  }

  private at(b: Uint8Array) {
    return b.length ? this.r.below(b.length) : 0;
  }

  private one(b: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
    const r = this.r;
    switch (r.below(10)) {
      case 0:
      case 1: {
        // bit flip
        if (!b.length) return this.random(8);
        const c = Uint8Array.from(b);
        c[this.at(b)] ^= 1 << r.below(8);
        return c;
      }
      case 2: {
        // interesting byte
        if (!b.length) return this.random(8);
        const c = Uint8Array.from(b);
        c[this.at(b)] = INTERESTING[r.below(INTERESTING.length)];
        return c;
      }
      case 3: {
        // truncate
        return b.subarray(0, this.at(b));
      }
      case 4: {
        // insert random bytes
        const at = this.at(b),
          ins = this.random(1 + r.below(16));
        return concat(b.subarray(0, at), ins, b.subarray(at));
      }
      case 5: {
        // delete a range
        const at = this.at(b),
          len = 1 + r.below(Math.max(1, Math.min(32, b.length - at)));
        return concat(b.subarray(0, at), b.subarray(at + len));
      }
      case 6: {
        // duplicate a range, sometimes many times
        const at = this.at(b),
          len = 1 + r.below(Math.max(1, Math.min(64, b.length - at)));
        const chunk = b.subarray(at, at + len);
        const times = r.below(4) === 0 ? 2 + r.below(64) : 2;
        return concat(b.subarray(0, at), ...Array.from({ length: times }, () => chunk), b.subarray(at + len));
      }
      case 7: {
        // overwrite with a wild varint
        const at = this.at(b),
          v = wildVarint(r);
        return concat(b.subarray(0, at), v, b.subarray(Math.min(b.length, at + v.length)));
      }
      default: {
        // splice: a prefix of this input, a suffix of another
        const o = others.length ? others[r.below(others.length)] : this.random(64);
        return concat(b.subarray(0, this.at(b)), o.subarray(o.length ? r.below(o.length) : 0));
      }
    }
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
