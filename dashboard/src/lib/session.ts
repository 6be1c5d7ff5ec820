// The logged-in user and token. Kept in sessionStorage: a closed tab logs out, a reload does not.
// A session that ends by itself (token expired, server restarted with a new key: any 401) is not a
// logout: the user is told so, and after logging in again returns to the view they were on.
import { store } from './store.ts';
import type { User } from './types.ts';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = 'opflow.session';
const RETURN_KEY = 'opflow.returnTo';

/** True after a session ended by itself, until the next successful login. */
export const sessionExpired = store<boolean>(false);

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const s = JSON.parse(raw) as Session;
    if (Date.parse(s.expiresAt) > Date.now()) return s;
    // The tab outlived its token: same message as a 401.
    sessionStorage.removeItem(KEY);
    sessionStorage.setItem(RETURN_KEY, location.hash);
    sessionExpired.set(true);
    return null;
  } catch {
    return null;
  }
}

export const session = store<Session | null>(restore());

let expiryTimer: ReturnType<typeof setTimeout> | undefined;
function armExpiry(s: Session | null): void {
  clearTimeout(expiryTimer);
  if (s === null) return;
  // setTimeout's limit is 2^31-1 ms (~24.8 days); tokens live hours.
  const ms = Math.min(2 ** 31 - 1, Math.max(0, Date.parse(s.expiresAt) - Date.now()));
  expiryTimer = setTimeout(expire, ms);
}
session.subscribe(armExpiry);
armExpiry(session.get());

export function setSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  sessionExpired.set(false);
  session.set(s);
  // Back to where the user was when the session ran out (the hash is the whole route).
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  if (back !== null && back !== '' && back !== location.hash) location.hash = back;
}

/** The user logs out: no message, no way back. */
export function logout(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(RETURN_KEY);
  sessionExpired.set(false);
  session.set(null);
}

/** The session ended by itself: remember the route, tell the user on the login form. */
export function expire(): void {
  if (session.get() === null) return;
  sessionStorage.removeItem(KEY);
  sessionStorage.setItem(RETURN_KEY, location.hash);
  sessionExpired.set(true);
  session.set(null);
}
