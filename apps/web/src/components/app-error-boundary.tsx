import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorScreen } from './error-screen.tsx';

type State = { failed: boolean };

/**
 * Last line of defence: a crash outside the router (providers, the router
 * itself) shows a translated page instead of a blank screen.
 */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Visible in the browser console for support; the user sees a plain message.
    console.error('Unhandled error in the app', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <ErrorScreen onRetry={() => window.location.reload()} /> : this.props.children;
  }
}
