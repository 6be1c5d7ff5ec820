// The logged-in user and token. Kept in sessionStorage: a closed tab logs out, a reload does not.
import { store } from './store.ts';
import type { User } from './types.ts';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = 'opflow.session';

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const s = JSON.parse(raw) as Session;
    return Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export const session = store<Session | null>(restore());

export function setSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  session.set(s);
}

export function logout(): void {
  sessionStorage.removeItem(KEY);
  session.set(null);
}
