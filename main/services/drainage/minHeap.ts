/** A binary min-heap of (key, value) pairs in typed arrays; ties pop the smaller value first (deterministic). */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity = 64) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.values);
      this.keys = k;
      this.values = v;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, value, this.keys[parent]!, this.values[parent]!)) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  /** Removes the smallest pair; returns its value (the key is in `lastKey`). */
  pop(): number {
    const top = this.values[0]!;
    this.lastKey = this.keys[0]!;
    const n = --this.size;
    const key = this.keys[n]!;
    const value = this.values[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(this.keys[r]!, this.values[r]!, this.keys[l]!, this.values[l]!) ? r : l;
      if (!this.less(this.keys[m]!, this.values[m]!, key, value)) break;
      this.keys[i] = this.keys[m]!;
      this.values[i] = this.values[m]!;
      i = m;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }

  lastKey = NaN;

  private less(ka: number, va: number, kb: number, vb: number): boolean {
    return ka < kb || (ka === kb && va < vb);
  }
}
