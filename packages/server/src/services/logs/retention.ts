/** Retention periods PutRetentionPolicy accepts (days), in the order AWS lists them. */
export const retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export function isRetentionDays(days: number): boolean {
  return (retentionDays as readonly number[]).includes(days);
}

/** Events with a timestamp before this are past the group's retention and are deleted. */
export function retentionCutoff(now: number, days: number): number {
  return now - days * 86_400_000;
}
