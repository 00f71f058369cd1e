// A background job: run once at start (after `firstAfterMs`), then every `everyMs`, never two
// runs of the same job at once in this process. Stopping waits for a run in progress.
export interface JobOptions<T> {
  run: () => Promise<T>;
  everyMs: number;
  firstAfterMs?: number;
  onResult: (result: T | null, error?: unknown) => void;
}

export function scheduleJob<T>(job: JobOptions<T>) {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = job
      .run()
      .then(
        (result) => job.onResult(result),
        (err: unknown) => job.onResult(null, err),
      )
      .finally(() => (running = null));
  };
  const first = setTimeout(tick, job.firstAfterMs ?? 0);
  const timer = setInterval(tick, job.everyMs);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
