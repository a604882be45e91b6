/**
 * The raw baseline's activities: the same names and count as an external-network access request's
 * (create task ×3, record decision ×3, enable grant ×1), doing nothing but return. What remains is
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
  };
}

export type RawActivities = ReturnType<typeof createRawActivities>;
