/** Authentication events. Never a password, never a token. */
export const AuthEvent = {
  LoggedIn: 'auth.logged_in',
  /** No longer written: failures are counted in login_throttle (kept for the events already in logs). */
  LoginFailed: 'auth.login_failed',
  /** One summary of counted failures per closed window (libs/auth/login.ts). */
  LoginFailuresSummarized: 'auth.login_failures_summarized',
  /** The signed-in person typed their password again before a privileged decision (libs/auth/login.ts reauthenticate). */
  Reauthenticated: 'auth.reauthenticated',
} as const;

export interface Reauthenticated {
  userId: string;
  username: string;
  ip: string;
}

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

export interface LoginFailureCount {
  /** As typed (normalised, cut to 128 code points, lone surrogates replaced), whether or not such a user exists. */
  username: string;
  ip: string;
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
}

/**
 * `signed_in`: the username then signed in from that address (the owner learns of the failures before);
 * `window_closed`: the address stopped trying for a whole window. Never a password.
 */
export interface LoginFailuresSummarized {
  closedBy: 'signed_in' | 'window_closed';
  entries: LoginFailureCount[];
}

export const loginSubject = (username: string) => `login:${username}`;
export const LOGIN_FAILURES_SUBJECT = 'login-failures';
