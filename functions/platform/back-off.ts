/** A short random pause before trying again, so racing writers spread out instead of colliding again. */
export const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 4)));
