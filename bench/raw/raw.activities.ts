/**
 * The raw baseline's activities: the same names and count as an external-network access request's
 * (create task ×3, record decision ×3, enable grant ×1; end grant for the expiry baseline), doing nothing but
 * return. What remains is
 * Temporal's own cost of scheduling and completing them.
 */
export function createRawActivities() {
  return {
    async createTask(requestId: string, stage: string): Promise<string> {
      return `${requestId}:${stage}`;
    },
    async recordDecision(taskId: string, approve: boolean): Promise<boolean> {
      return approve && taskId.length > 0;
    },
    async enableGrant(requestId: string): Promise<string> {
      return `grant:${requestId}`;
    },
    /** The expiry baseline's one activity: answers the wall-clock time it ran at (the lag's end). */
    async endGrant(grantId: string): Promise<number> {
      return grantId.length > 0 ? Date.now() : 0;
    },
  };
}

export type RawActivities = ReturnType<typeof createRawActivities>;
