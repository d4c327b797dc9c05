type TypedArray = Float64Array | Int32Array | Int8Array | Uint32Array | Uint8Array;

/** A copy of a typed array in a larger buffer (at least double the size), for columns of unknown length. */
export function growTypedArray<T extends TypedArray>(a: T, minimum = a.length * 2): T {
  const Ctor = a.constructor as new (length: number) => T;
  const b = new Ctor(Math.max(minimum, a.length * 2, 16));
  b.set(a as never);
  return b;
}
