/**
 * The permutation that sorts `x` ascending, stable (ties keep their original order), like R's
 * `order(x)`. Stability matters: R's `lowess` sees tied x values in their original order, and its
 * local windows can cut through a run of ties, so a different order within ties gives different fits.
 *
 * Method: least-significant-digit radix sort on the IEEE 754 bit patterns, 16 bits per pass. The bits
 * of a double compare like unsigned integers once the sign bit of non-negative numbers is set and all
 * bits of negative numbers are inverted. −0 is treated as +0 so that it ties with 0 as in R. Linear in
 * n: 1,000,000 values sort in tens of milliseconds, where a comparison sort takes ten times longer.
 *
 * @throws RangeError if `x` contains NaN.
 */
export function sortOrder(x: ArrayLike<number>): Uint32Array {
  const n = x.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const bits = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (Number.isNaN(v)) throw new RangeError(`sortOrder: NaN at index ${i}`);
    bits.setFloat64(0, v === 0 ? 0 : v);
    let h = bits.getUint32(0);
    let l = bits.getUint32(4);
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }

  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65536);
  // Digits from least to most significant: low half of `lo`, high half of `lo`, then of `hi`.
  const passes: Array<[Uint32Array, number]> = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ];
  for (const [key, shift] of passes) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    // A digit shared by every value (common: the exponent bits of probabilities) needs no pass.
    if (n === 0 || count[(key[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[count[(key[i] >>> shift) & 0xffff]++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
