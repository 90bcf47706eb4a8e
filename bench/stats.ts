/** Latency samples per endpoint and their summary. */
export class Samples {
  private readonly byEndpoint = new Map<string, { latencies: number[]; errors: number }>();

  record(endpoint: string, milliseconds: number, ok: boolean): void {
    const entry = this.byEndpoint.get(endpoint) ?? { latencies: [], errors: 0 };
    entry.latencies.push(milliseconds);
    if (!ok) entry.errors++;
    this.byEndpoint.set(endpoint, entry);
  }

  summary(seconds: number) {
    const all = [...this.byEndpoint.values()].flatMap((entry) => entry.latencies);
    const endpoints = [...this.byEndpoint.entries()]
      .map(([endpoint, { latencies, errors }]) => ({ endpoint, ...describe(latencies, seconds), errors }))
      .sort((a, b) => b.requests - a.requests);
    const errors = endpoints.reduce((sum, endpoint) => sum + endpoint.errors, 0);
    return { total: { ...describe(all, seconds), errors }, endpoints };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value: number) => Math.round(value * 10) / 10;

function describe(latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: round(sorted.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
