import * as api from '../api/index.js';
import { polledCount } from './polled-count.js';

export { POLL_MS } from './polled-count.js';

/** The number of open tasks for the nav badge. */
const inbox = polledCount(api.countOpenTasks);
export const InboxCountProvider = inbox.Provider;
export const useInboxCount = inbox.useCount;
