/** Authentication events. Never a password, never a token. */
export const AuthEvent = {
  LoggedIn: 'auth.logged_in',
  LoginFailed: 'auth.login_failed',
} as const;

export interface LoggedIn {
  userId: string;
  username: string;
  ip: string;
}

export interface LoginFailed {
  /** As typed (normalised), whether or not such a user exists. */
  username: string;
  ip: string;
  reason: 'unknown_user' | 'wrong_password' | 'no_password' | 'deactivated';
}

export const loginSubject = (username: string) => `login:${username}`;
