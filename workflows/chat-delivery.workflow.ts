import { proxyActivities } from '@temporalio/workflow';
import type { ChatActivities } from '../activities/chat.activities.js';
import { refuseUnauthenticatedInput } from './update-stamps.js';

export interface ChatDeliveryInput {
  notificationId: string;
  target: string;
}

/** Its own proxy: a bot that is down or refuses is retried with back-off for about an hour, then given up (the attempts and last error stay in chat_deliveries). */
const chat = proxyActivities<ChatActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

/** Posts one role notification to one group-chat bot; the relay starts it as `chat:<notificationId>:<bot>`. */
export async function chatDeliveryWorkflow(input: ChatDeliveryInput): Promise<string> {
  refuseUnauthenticatedInput(input);
  const { result } = await chat.sendChatMessage(input);
  return result;
}
