import { useLocation } from 'react-router';

/**
 * The address a visitor already typed, handed from one account page to the next (sign-up → log-in or
 * reset) in the router's state: it fills the next form without ever appearing in a URL.
 */
export type AuthHandoff = { email: string };

export function useHandedOffEmail(): string {
  const state: unknown = useLocation().state;
  if (state && typeof state === 'object' && 'email' in state && typeof state.email === 'string') return state.email;
  return '';
}
