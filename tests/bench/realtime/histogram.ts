// Latencies in 0.1 ms buckets (up to a minute): a million samples a second cost no memory, and
// percentiles come out exact to the bucket.
const BUCKET_MS = 0.1;
const BUCKETS = 600_000;

export class Histogram {
  private counts = new Uint32Array(BUCKETS + 1);
  count = 0;
  max = 0;

  add(ms: number) {
    const b = Math.min(BUCKETS, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[b]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** The value below which `p` percent of the samples fall (the bucket's upper edge), in ms. */
  percentile(p: number) {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return Number(((b + 1) * BUCKET_MS).toFixed(1));
    }
    return this.max;
  }

  summary() {
    return { p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99), max: Number(this.max.toFixed(1)), samples: this.count };
  }
}
