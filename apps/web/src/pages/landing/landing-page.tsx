import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ArrowRight } from 'lucide-react';
import { Logo } from '@/components/logo.tsx';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useMe } from '@/lib/auth.ts';
import { AudienceSection, PromisesSection } from './landing-sections.tsx';
import { PricingSection } from './pricing-section.tsx';

export function LandingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const loggedIn = Boolean(me.data?.user);
  return (
    <div className="min-h-dvh bg-background">
      <header className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4 sm:px-8">
        <Logo />
        <div className="flex items-center gap-2">
          <LanguageSwitch />
          {loggedIn ? (
            <Button asChild variant="ghost" size="sm">
              <Link to="/studios">{t('landing.openStudios')}</Link>
            </Button>
          ) : (
            <Button asChild variant="ghost" size="sm">
              <Link to="/login">{t('landing.logIn')}</Link>
            </Button>
          )}
        </div>
      </header>
      <main>
        <section className="mx-auto max-w-4xl px-4 py-16 text-center sm:px-8 sm:py-24">
          <p className="mb-4 text-sm font-medium text-muted-foreground">{t('landing.eyebrow')}</p>
          <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">{t('landing.headline')}</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-pretty text-muted-foreground">{t('landing.subheadline')}</p>
          <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
            <Button asChild size="lg">
              <Link to="/signup">
                {t('landing.cta')}
                <ArrowRight aria-hidden="true" />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link to="/login">{t('landing.haveAccount')}</Link>
            </Button>
          </div>
          <p className="mt-3 text-sm text-muted-foreground">{t('landing.trialNote')}</p>
        </section>
        <AudienceSection />
        <PromisesSection />
        <PricingSection />
        <section className="mx-auto max-w-4xl px-4 py-16 text-center sm:px-8">
          <h2 className="text-3xl font-semibold tracking-tight">{t('landing.finalTitle')}</h2>
          <p className="mt-3 text-muted-foreground">{t('landing.finalText')}</p>
          <Button asChild size="lg" className="mt-6">
            <Link to="/signup">{t('landing.cta')}</Link>
          </Button>
        </section>
      </main>
      <footer className="border-t py-8 text-center text-sm text-muted-foreground">{t('landing.footer', { year: new Date().getFullYear() })}</footer>
    </div>
  );
}
