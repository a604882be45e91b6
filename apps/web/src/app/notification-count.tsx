import * as api from '../api/index.js';
import { polledCount } from './polled-count.js';

/** How many of my notifications are unread, for the header bell; the notifications page refreshes it after "mark as read". */
const unread = polledCount(api.countUnreadNotifications);
export const NotificationCountProvider = unread.Provider;
export const useNotificationCount = unread.useCount;
