import type { ReactNode } from 'react';
import { Logo } from './logo.tsx';
import { UserMenu } from './user-menu.tsx';
import type { SignedIn } from './require-user.tsx';

/** Frame of logged-in pages outside a studio (studio picker, operator pages). */
export function AccountLayout({ user, children }: { user: SignedIn['user']; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between gap-4 border-b bg-background px-4 py-3 sm:px-8">
        <Logo to="/studios" />
        <UserMenu user={user} compact />
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-8">{children}</main>
    </div>
  );
}
