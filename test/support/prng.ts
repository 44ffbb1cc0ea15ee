// A seeded xorshift32 for randomized tests: the same seed gives the same run, so a failing seed can be replayed.
export function xorshift32(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return {
    /** A float in [0, 1). */
    float: () => next() / 4294967296,
    /** An integer in [0, n). */
    below: (n: number) => next() % n,
  };
}
