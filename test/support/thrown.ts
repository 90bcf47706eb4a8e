/** What `run` throws, or undefined: for asserting on errors of synchronous checks. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
