import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './ui/card.tsx';

/** Frame of the pages a visitor sees before entering a studio (log in, sign up…). */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-8">
        <Logo />
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-8 sm:items-center">{children}</main>
    </div>
  );
}

type AuthCardProps = { title: ReactNode; description?: ReactNode; children: ReactNode; footer?: ReactNode; wide?: boolean };

/** The centred card every auth form sits in. */
export function AuthCard({ title, description, children, footer, wide = false }: AuthCardProps) {
  return (
    <div className={wide ? 'w-full max-w-2xl' : 'w-full max-w-md'}>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {title}
          </CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
      {footer ? <div className="mt-4 text-center text-sm text-muted-foreground">{footer}</div> : null}
    </div>
  );
}
