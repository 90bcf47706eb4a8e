/** How long ago `iso` was, as a counter would say it: "just now", "4 min", "2 h 05 min", "3 days". */
export function ageOf(iso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/** "just now" or "4 min ago". */
export function agoOf(iso: string, now: number): string {
  const age = ageOf(iso, now);
  return age === 'just now' ? age : `${age} ago`;
}

/** A timestamp in the employee's own time zone, to the minute. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time alone for a moment of the same day as `now` ("1:01 PM"), else the date and time. */
export function formatShortTime(iso: string, now: number): string {
  const at = new Date(iso);
  if (at.toDateString() !== new Date(now).toDateString()) return formatTime(iso);
  return at.toLocaleTimeString(undefined, { timeStyle: 'short' });
}
